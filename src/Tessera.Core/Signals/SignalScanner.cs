using Tessera.Core.Data;
using Tessera.Core.Strategies;

namespace Tessera.Core.Signals;

/// <summary>
/// Evaluates strategies over a universe at the latest bar (the market-scan timer's job). Per-symbol
/// strategies run on each series (in parallel; the result does not depend on scheduling), cross-sectional
/// ones on the whole universe. Series whose last bar is older than the universe's latest bar are stale
/// (halted, delisted, missing data) and are skipped unless <c>includeStale</c> is set. Signals are returned in
/// <see cref="SignalOrder"/> (strongest first).
/// </summary>
public static class SignalScanner
{
    public static IReadOnlyList<Signal> ScanLatest(IReadOnlyList<BarSeries> universe, IReadOnlyList<IStrategy> strategies, int maxDegreeOfParallelism = -1, bool includeStale = false)
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(strategies);
        if (!includeStale)
        {
            universe = Fresh(universe);
        }

        var perSeries = new List<Signal>[universe.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, universe.Count, options, s =>
        {
            var found = new List<Signal>();
            foreach (var strategy in strategies)
            {
                if (strategy is ISeriesStrategy series)
                {
                    found.AddRange(series.LatestSignals(universe[s]));
                }
            }

            perSeries[s] = found;
        });

        var all = new List<Signal>();
        foreach (var list in perSeries)
        {
            all.AddRange(list);
        }

        foreach (var strategy in strategies)
        {
            if (strategy is not ISeriesStrategy)
            {
                all.AddRange(strategy.LatestSignals(universe));
            }
        }

        all.Sort(SignalOrder.ByStrength);
        return all;
    }

    private static List<BarSeries> Fresh(IReadOnlyList<BarSeries> universe)
    {
        var latest = long.MinValue;
        foreach (var s in universe)
        {
            if (s.Count > 0)
            {
                latest = Math.Max(latest, s.Timestamps[^1]);
            }
        }

        var fresh = new List<BarSeries>(universe.Count);
        foreach (var s in universe)
        {
            if (s.Count > 0 && s.Timestamps[^1] == latest)
            {
                fresh.Add(s);
            }
        }

        return fresh;
    }
}

/// <summary>Deterministic ordering of signals.</summary>
public static class SignalOrder
{
    /// <summary>
    /// |strength| descending (strongest conviction first, either side), then strategy, symbol (ordinal),
    /// side, reason, time: a total order on distinct signals, so the result never depends on input order.
    /// </summary>
    public static int ByStrength(Signal? a, Signal? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null)
        {
            return 1;
        }

        if (b is null)
        {
            return -1;
        }

        var c = Math.Abs(b.Strength).CompareTo(Math.Abs(a.Strength));
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Strategy, b.Strategy);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Symbol, b.Symbol);
        if (c != 0)
        {
            return c;
        }

        c = a.Side.CompareTo(b.Side);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Reason, b.Reason);
        return c != 0 ? c : a.TimestampUtcMs.CompareTo(b.TimestampUtcMs);
    }
}
