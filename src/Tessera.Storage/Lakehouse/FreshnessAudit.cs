using Tessera.Core.Data;

namespace Tessera.Storage.Lakehouse;

/// <summary>
/// Audits a snapshot. A symbol is stale when <c>asOf - last bar &gt; StaleThreshold</c> (default 168 h); a gap is
/// an interval between consecutive bars longer than <see cref="GapThresholdDays"/> calendar days (default 5: a
/// weekend plus a holiday is not a gap); short history means fewer rows than ShortHistoryRatio (0.9) of the
/// longest series; the largest moves are the top N |close/prev close - 1| over all symbols.
/// </summary>
public static class FreshnessAudit
{
    public const double GapThresholdDays = 5.0;

    public static async Task<FreshnessReport> RunAsync(LakehouseSnapshot snapshot, DateTime asOfUtc, TimeSpan? staleThreshold = null, int largestMoves = 10, double shortHistoryRatio = 0.9, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var series = await snapshot.LoadManyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return Compute(snapshot.Manifest, snapshot.Lineage.ManifestSha256, series, asOfUtc, staleThreshold ?? TimeSpan.FromHours(168), largestMoves, shortHistoryRatio);
    }

    public static FreshnessReport Compute(LakehouseManifest manifest, string manifestSha256, IReadOnlyList<BarSeries> series, DateTime asOfUtc, TimeSpan staleThreshold, int largestMoves = 10, double shortHistoryRatio = 0.9)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(series);
        var health = manifest.Health.ToDictionary(h => h.Symbol, StringComparer.Ordinal);
        var gapMs = (long)(GapThresholdDays * 86_400_000L);
        var rows = new List<SymbolFreshness>(series.Count);
        var moves = new PriorityQueue<LargeMove, double>();
        var longest = 0;
        foreach (var s in series)
        {
            if (s.Count == 0)
            {
                continue;
            }

            longest = Math.Max(longest, s.Count);
            var gaps = 0;
            long widest = 0;
            for (var t = 1; t < s.Count; t++)
            {
                var dt = s.Timestamps[t] - s.Timestamps[t - 1];
                if (dt > gapMs)
                {
                    gaps++;
                }

                widest = Math.Max(widest, dt);
                var r = (s.Close[t] / s.Close[t - 1]) - 1.0;
                moves.Enqueue(new LargeMove(s.Symbol, BarSeries.ToUtc(s.Timestamps[t]), r), Math.Abs(r));
                if (moves.Count > largestMoves)
                {
                    moves.Dequeue();
                }
            }

            var last = BarSeries.ToUtc(s.Timestamps[^1]);
            var age = (asOfUtc - last).TotalHours;
            health.TryGetValue(s.Symbol, out var h);
            rows.Add(new SymbolFreshness(s.Symbol, s.Count, BarSeries.ToUtc(s.Timestamps[0]), last, age, age > staleThreshold.TotalHours, gaps, widest / 86_400_000.0, h?.Status));
        }

        var ordered = rows.OrderBy(r => r.Symbol, StringComparer.Ordinal).ToList();
        var shortHistory = ordered.Where(r => r.Rows < shortHistoryRatio * longest).OrderBy(r => r.Rows).ThenBy(r => r.Symbol, StringComparer.Ordinal).ToList();
        var top = new List<LargeMove>();
        while (moves.Count > 0)
        {
            top.Add(moves.Dequeue());
        }

        top.Reverse();
        var toxic = manifest.Health.Where(h => h.Status == "toxic").ToList();
        return new FreshnessReport(asOfUtc, manifest.Version, manifestSha256, staleThreshold.TotalHours, GapThresholdDays, ordered.Count, ordered.Count(r => r.Stale), toxic.Count, ordered, shortHistory, top, toxic);
    }
}
