namespace Tessera.Core.Governance;

/// <summary>
/// The coverage artifact of a run (the promotion gate's data evidence): for every asset the run holds, its
/// observations on the run's calendar (completeness: every date has a finite return) and its last finite observation
/// against the calendar's last date (freshness). A held asset that is incomplete or stale is a failed symbol. The run
/// reads its data in one in-process attempt from the pinned snapshot (or the seeded synthetic market), so there is one
/// attempt: fetched = held assets with full coverage, failed = the rest. Its duration is not timed (written 0) so the
/// artifact, like every run artifact, is a pure function of the run's inputs and a re-executed activity rewrites it
/// byte for byte.
/// </summary>
public static class CoverageCheck
{
    /// <param name="timestamps">the run calendar (Unix epoch ms, ascending).</param>
    /// <param name="symbols">the market's symbols; <paramref name="returns"/>[j] is symbol j's column.</param>
    /// <param name="held">the symbols the run holds (non-zero weight), in the order the artifact lists them.</param>
    public static CoverageArtifact Of(string runId, string profile, long[] timestamps, string[] symbols, double[][] returns, IReadOnlyList<string> held)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(held);
        if (returns.Length != symbols.Length)
        {
            throw new ArgumentException($"{returns.Length} return columns for {symbols.Length} symbols", nameof(returns));
        }

        var column = new Dictionary<string, int>(symbols.Length, StringComparer.Ordinal);
        for (var j = 0; j < symbols.Length; j++)
        {
            column[symbols[j]] = j;
        }

        var end = timestamps.Length == 0 ? 0 : timestamps[^1];
        var assets = new List<CoverageAsset>(held.Count);
        var failed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in held)
        {
            if (!seen.Add(symbol))
            {
                continue;
            }

            var observations = 0;
            var last = long.MinValue;
            if (column.TryGetValue(symbol, out var j))
            {
                var r = returns[j];
                var n = Math.Min(r.Length, timestamps.Length);
                for (var t = 0; t < n; t++)
                {
                    if (double.IsFinite(r[t]))
                    {
                        observations++;
                        last = timestamps[t];
                    }
                }
            }

            var asset = new CoverageAsset(symbol, observations, timestamps.Length, last == long.MinValue ? 0 : last, end);
            assets.Add(asset);
            if (!asset.IsComplete)
            {
                failed.Add(symbol);
            }
        }

        return new CoverageArtifact(runId, profile, [new CoverageAttempt(1, assets.Count - failed.Count, failed.Count, 0)], failed, assets);
    }
}
