namespace Tessera.Trading.Configuration;

/// <summary>
/// How an entry signal is turned into a dollar target before the per-order budget applies. Wire names:
/// <c>fixed_notional</c>, <c>fixed_fraction</c>, <c>volatility_target</c>, <c>fractional_kelly</c>.
/// </summary>
public enum SizingMethod
{
    /// <summary>A fixed dollar amount per entry (<c>sizing.fixed_notional_usd</c>).</summary>
    FixedNotional,

    /// <summary>A fixed fraction of equity (<c>sizing.fixed_fraction</c>).</summary>
    FixedFraction,

    /// <summary>Fraction = min(max_fraction, target_annual_vol / realised annual vol of the last vol_lookback_days returns).</summary>
    VolatilityTarget,

    /// <summary>kelly_fraction x mu / sigma^2, tapered by VIX and ATR%, capped at max_fraction.</summary>
    FractionalKelly,
}

/// <summary>The snake_case wire names of <see cref="SizingMethod"/>.</summary>
public static class SizingMethodNames
{
    public const string FixedNotional = "fixed_notional";
    public const string FixedFraction = "fixed_fraction";
    public const string VolatilityTarget = "volatility_target";
    public const string FractionalKelly = "fractional_kelly";

    internal static readonly IReadOnlyDictionary<string, SizingMethod> All = new Dictionary<string, SizingMethod>(StringComparer.Ordinal)
    {
        [FixedNotional] = SizingMethod.FixedNotional,
        [FixedFraction] = SizingMethod.FixedFraction,
        [VolatilityTarget] = SizingMethod.VolatilityTarget,
        [FractionalKelly] = SizingMethod.FractionalKelly,
    };

    public static string ToWire(this SizingMethod method) => method switch
    {
        SizingMethod.FixedNotional => FixedNotional,
        SizingMethod.FixedFraction => FixedFraction,
        SizingMethod.VolatilityTarget => VolatilityTarget,
        SizingMethod.FractionalKelly => FractionalKelly,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a sizing method"),
    };
}
