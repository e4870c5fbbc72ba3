namespace Tessera.Trading.Configuration;

/// <summary>
/// Section <c>profiles.NAME.sizing</c>: the method and the parameters of all four methods (only the chosen
/// method's are used, all are validated and pinned). Kelly and taper values are the Alpaca blueprint's (seed 000).
/// </summary>
public sealed record SizingSettings
{
    public required SizingMethod Method { get; init; }

    /// <summary>fixed_notional: dollars per entry.</summary>
    public required decimal FixedNotionalUsd { get; init; }

    /// <summary>fixed_fraction: fraction of equity per entry.</summary>
    public required double FixedFraction { get; init; }

    /// <summary>volatility_target: target annualised volatility of the position.</summary>
    public required double TargetAnnualVolatility { get; init; }

    /// <summary>volatility_target: daily returns in the realised-volatility estimate.</summary>
    public required int VolatilityLookbackDays { get; init; }

    /// <summary>Cap on the equity fraction of the fraction-based methods (fixed_fraction, volatility_target, fractional_kelly).</summary>
    public required double MaxFraction { get; init; }

    public required double KellyFraction { get; init; }

    /// <summary>fractional_kelly: daily returns in the mu / sigma^2 estimate.</summary>
    public required int KellyLookbackDays { get; init; }

    /// <summary>VIX at or below which Kelly is not reduced.</summary>
    public required double VixTaperLow { get; init; }

    /// <summary>VIX at or above which Kelly is 0.</summary>
    public required double VixTaperHigh { get; init; }

    public required double AtrPctTaperLow { get; init; }

    public required double AtrPctTaperHigh { get; init; }

    /// <summary>The largest order as a fraction of the 20-day average daily volume in shares.</summary>
    public required double AdvCapFraction { get; init; }

    /// <summary>A VIX value older than this many calendar days (New York dates) is stale: applied, with a notice.</summary>
    public required int VixStaleAfterDays { get; init; }
}
