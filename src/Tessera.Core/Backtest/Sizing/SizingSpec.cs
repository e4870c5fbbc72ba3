using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Backtest.Sizing;

/// <summary>
/// A backtest's position sizing as chosen on the command line or by a preset (<c>tessera backtest --sizing METHOD</c>):
/// <list type="bullet">
/// <item><c>fixed</c>: <see cref="FixedFractionSizer"/>, <see cref="Fraction"/> of equity (the default, 0.05);</item>
/// <item><c>cash</c>: <see cref="CashFractionSizer"/>, <see cref="Fraction"/> of current cash (Kobe81: 0.007);</item>
/// <item><c>vol</c>: <see cref="VolatilityTargetSizer"/>, <see cref="VolTarget"/> annualised over 20 days, capped at <see cref="MaxFraction"/>;</item>
/// <item><c>kelly</c>: <see cref="FractionalKellySizer"/>, <see cref="KellyFraction"/> of full Kelly over 60 days, capped at
/// <see cref="MaxFraction"/>, tapered by <see cref="Vix"/> when given (and always by ATR%, with the 1 % ADV cap).</item>
/// </list>
/// Any of them can be wrapped in a <see cref="DrawdownThrottleSizer"/> (<see cref="DrawdownThreshold"/> set).
/// </summary>
public sealed record SizingSpec
{
    public const string Fixed = "fixed";
    public const string Cash = "cash";
    public const string Vol = "vol";
    public const string Kelly = "kelly";

    public static IReadOnlyList<string> Methods { get; } = [Fixed, Cash, Vol, Kelly];

    public string Method { get; init; } = Fixed;

    /// <summary>fixed: of equity; cash: of current cash.</summary>
    public double Fraction { get; init; } = 0.05;

    /// <summary>vol: the annualised volatility each position targets.</summary>
    public double VolTarget { get; init; } = 0.15;

    /// <summary>kelly: the multiplier of full Kelly (Alpha blueprint: 0.25).</summary>
    public double KellyFraction { get; init; } = 0.25;

    /// <summary>vol and kelly: the largest fraction of equity one entry may take.</summary>
    public double MaxFraction { get; init; } = 0.1;

    /// <summary>kelly: the VIX series of the taper (null: no VIX taper).</summary>
    public VixSeries? Vix { get; init; }

    /// <summary>Drawdown above which entries are cut (null: no throttle).</summary>
    public double? DrawdownThreshold { get; init; }

    public double DrawdownCut { get; init; } = DrawdownThrottleSizer.DefaultCut;

    /// <summary>The method's name, normalised; anything else is refused naming the methods.</summary>
    public static string ParseMethod(string? method)
    {
        var m = (method ?? string.Empty).Trim().ToLowerInvariant();
        return Methods.Contains(m, StringComparer.Ordinal) ? m : throw new TesseraValidationException("--sizing", method, "must be one of " + string.Join(", ", Methods));
    }

    public IPositionSizer Build()
    {
        if (Vix is not null && Method != Kelly)
        {
            throw new TesseraValidationException("--vix", Method, "a VIX series tapers the kelly sizing only (--sizing kelly)");
        }

        IPositionSizer sizer = ParseMethod(Method) switch
        {
            Cash => new CashFractionSizer(Fraction),
            Vol => new VolatilityTargetSizer(VolTarget, 20, MaxFraction),
            Kelly => Vix is null ? new FractionalKellySizer(KellyFraction, 60, MaxFraction) : new FractionalKellySizer(KellyFraction, 60, MaxFraction, Vix),
            _ => new FixedFractionSizer(Fraction),
        };
        return DrawdownThreshold is { } threshold ? new DrawdownThrottleSizer(sizer, threshold, DrawdownCut) : sizer;
    }

    public override string ToString() => Build().Description + (Method == Kelly && Vix is not null ? string.Create(CultureInfo.InvariantCulture, $" ({Vix.Count} VIX closes)") : string.Empty);
}
