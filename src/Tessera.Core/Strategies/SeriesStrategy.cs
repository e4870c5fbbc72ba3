using Tessera.Core.Data;
using Tessera.Core.Determinism;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>
/// Base of per-symbol strategies: the backtest form and the latest-bar form both replay the incremental
/// engine bar by bar, so a signal at bar t can only depend on bars 0..t (no look-ahead by construction).
/// </summary>
public abstract class SeriesStrategy : ISeriesStrategy
{
    protected SeriesStrategy(string name, string canonicalParameters)
    {
        Name = name;
        CanonicalParameters = canonicalParameters;
        ParametersHash = Sha256Hex.Of(canonicalParameters);
    }

    public string Name { get; }

    public string CanonicalParameters { get; }

    public string ParametersHash { get; }

    public abstract ISignalEngine CreateEngine(string symbol);

    public IReadOnlyList<Signal> SignalsOverTime(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var engine = CreateEngine(bars.Symbol);
        var sink = new List<Signal>();
        for (var i = 0; i < bars.Count; i++)
        {
            engine.OnBar(OhlcvBar.At(bars, i), sink);
        }

        return sink;
    }

    public IReadOnlyList<Signal> LatestSignals(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0)
        {
            return [];
        }

        var last = bars.Timestamps[^1];
        var all = SignalsOverTime(bars);
        var latest = new List<Signal>();
        for (var i = all.Count - 1; i >= 0 && all[i].TimestampUtcMs == last; i--)
        {
            latest.Insert(0, all[i]);
        }

        return latest;
    }

    public IReadOnlyList<Signal> SignalsOverTime(IReadOnlyList<BarSeries> universe)
    {
        ArgumentNullException.ThrowIfNull(universe);
        var all = new List<Signal>();
        foreach (var series in universe)
        {
            all.AddRange(SignalsOverTime(series));
        }

        // Stable: per-symbol emission order is kept within a (time, symbol) group.
        return [.. all.OrderBy(s => s.TimestampUtcMs).ThenBy(s => s.Symbol, StringComparer.Ordinal)];
    }

    public IReadOnlyList<Signal> LatestSignals(IReadOnlyList<BarSeries> universe)
    {
        ArgumentNullException.ThrowIfNull(universe);
        var all = new List<Signal>();
        foreach (var series in universe)
        {
            all.AddRange(LatestSignals(series));
        }

        return all;
    }
}
