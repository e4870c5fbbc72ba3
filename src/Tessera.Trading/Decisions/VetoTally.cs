namespace Tessera.Trading.Decisions;

/// <summary>
/// Counts vetoes and deferrals by code for the scan summary (e.g. <c>budget_below_one_share=3 spread_too_wide=1</c>).
/// Approved decisions are counted in <see cref="Approved"/>. Not thread-safe: one tally per scan.
/// </summary>
public sealed class VetoTally
{
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Approved { get; private set; }

    public int Vetoed { get; private set; }

    public int Deferred { get; private set; }

    public void Add(TradingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        switch (decision.Outcome)
        {
            case DecisionOutcome.Approved:
                Approved++;
                return;
            case DecisionOutcome.Vetoed:
                Vetoed++;
                break;
            case DecisionOutcome.Deferred:
                Deferred++;
                break;
        }

        var code = decision.Veto ?? "unspecified";
        _counts[code] = _counts.TryGetValue(code, out var n) ? n + 1 : 1;
    }

    public void Add(DecisionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Add(result.Decision);
    }

    public int Count(string code) => _counts.TryGetValue(code, out var n) ? n : 0;

    /// <summary>(code, count) in ordinal code order.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Entries => [.. _counts];

    public override string ToString()
    {
        var parts = new List<string>(_counts.Count + 3)
        {
            "approved=" + Approved.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "vetoed=" + Vetoed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "deferred=" + Deferred.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (code, n) in _counts)
        {
            parts.Add(code + "=" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return string.Join(' ', parts);
    }
}
