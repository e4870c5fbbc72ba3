namespace Tessera.Trading.Decisions;

/// <summary>
/// How an entry was sized, step by step, for the decision detail and the ledger: the method's equity fraction (NaN
/// for fixed_notional), the Kelly raw fraction and its VIX / ATR% factors, the dollar target before and after the
/// ADV cap and the per-order budget, and notices (a stale or missing VIX is one).
/// </summary>
public sealed record SizingTrace
{
    public required string Method { get; init; }

    public double Fraction { get; init; } = double.NaN;

    public double KellyRaw { get; init; } = double.NaN;

    public double VixFactor { get; init; } = double.NaN;

    public double AtrFactor { get; init; } = double.NaN;

    public decimal TargetNotional { get; init; }

    public decimal? AdvCapNotional { get; init; }

    public decimal Budget { get; init; }

    public IReadOnlyList<string> Notices { get; init; } = [];

    public override string ToString()
    {
        var parts = new List<string> { "sizing=" + Method };
        Add(parts, "fraction", Fraction);
        Add(parts, "kelly_raw", KellyRaw);
        Add(parts, "vix_factor", VixFactor);
        Add(parts, "atr_factor", AtrFactor);
        parts.Add("target_usd=" + TargetNotional.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        if (AdvCapNotional is { } cap)
        {
            parts.Add("adv_cap_usd=" + cap.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        }

        parts.Add("budget_usd=" + Budget.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var notice in Notices)
        {
            parts.Add("NOTICE: " + notice);
        }

        return string.Join("; ", parts);
    }

    private static void Add(List<string> parts, string name, double value)
    {
        if (!double.IsNaN(value))
        {
            parts.Add(name + "=" + value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
