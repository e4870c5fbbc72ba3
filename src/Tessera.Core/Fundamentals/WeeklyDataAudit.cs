namespace Tessera.Core.Fundamentals;

/// <summary>One week's rejections as read back from rejected_tickers/ (the week's last file).</summary>
public sealed record WeekOfRejections(DateOnly Date, IReadOnlyList<TickerRejection> Rejections);

/// <summary>What SOP-03's Monday review needs on one page.</summary>
public sealed record WeeklyAuditReport(
    DateOnly Date,
    int UniverseSize,
    IReadOnlyDictionary<RejectionCategory, int> CountsByCategory,
    int RejectedTickers,
    double RejectedShare,
    bool Escalate,
    IReadOnlyList<string> PersistentTickers,
    IReadOnlyList<string> KnownExclusionsSeen);

/// <summary>
/// SOP-03 (seed 000, weekly data audit of the FundamentalGatekeeper): rejection counts by category for the latest week,
/// escalation when the rejected tickers exceed 10 % of the universe, and tickers rejected in each of the last 3 weeks
/// (persistent: fix the data or add them to known_exclusions). Tickers in known_exclusions (legitimately un-modelable,
/// e.g. holding companies) are reported apart and count toward neither the escalation nor persistence.
/// </summary>
public static class WeeklyDataAudit
{
    public const double EscalationShare = 0.10;
    public const int PersistentWeeks = 3;

    public static WeeklyAuditReport Run(IReadOnlyList<WeekOfRejections> weeks, int universeSize, IReadOnlySet<string> knownExclusions)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentNullException.ThrowIfNull(knownExclusions);
        if (weeks.Count == 0)
        {
            throw new Errors.TesseraValidationException("rejected_tickers", "none", "the audit needs at least one week of gatekeeper output");
        }

        if (universeSize <= 0)
        {
            throw new Errors.TesseraValidationException("universe_size", universeSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be > 0");
        }

        var ordered = weeks.OrderBy(w => w.Date).ToList();
        var latest = ordered[^1];
        var counts = new SortedDictionary<RejectionCategory, int>();
        var tickers = new SortedSet<string>(StringComparer.Ordinal);
        var known = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in latest.Rejections)
        {
            if (knownExclusions.Contains(r.Ticker))
            {
                known.Add(r.Ticker);
                continue;
            }

            counts[r.Category] = counts.GetValueOrDefault(r.Category) + 1;
            tickers.Add(r.Ticker);
        }

        var persistent = new SortedSet<string>(tickers, StringComparer.Ordinal);
        if (ordered.Count < PersistentWeeks)
        {
            persistent.Clear();
        }
        else
        {
            foreach (var week in ordered.Skip(ordered.Count - PersistentWeeks))
            {
                var seen = new HashSet<string>(week.Rejections.Select(r => r.Ticker), StringComparer.Ordinal);
                persistent.IntersectWith(seen);
            }
        }

        var share = (double)tickers.Count / universeSize;
        return new WeeklyAuditReport(latest.Date, universeSize, counts, tickers.Count, share, share > EscalationShare, [.. persistent], [.. known]);
    }
}
