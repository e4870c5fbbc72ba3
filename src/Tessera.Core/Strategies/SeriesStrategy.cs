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

    /// <summary>
    /// The strategy's whole-series form, or null when it has only its per-bar engine. A batch must produce exactly the
    /// signals of <see cref="SignalsBarByBar"/>; whole-series calls (<see cref="SignalsOverTime(BarSeries)"/> and the
    /// universe form every backtest, walk-forward and sweep fetches its signals through) use it when offered, while live
    /// bars keep going through <see cref="CreateEngine"/>.
    /// </summary>
    public virtual SeriesSignalBatch? CreateBatch() => null;

    public IReadOnlyList<Signal> SignalsOverTime(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var batch = CreateBatch();
        if (batch is null)
        {
            return SignalsBarByBar(bars);
        }

        var sink = new List<Signal>();
        batch.AppendSignals(bars, sink);
        return sink;
    }

    /// <summary>The per-bar engine replayed over the series: the live path, and the reference the batch form is tested against.</summary>
    public IReadOnlyList<Signal> SignalsBarByBar(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var sink = new List<Signal>();
        AppendBarByBar(bars, sink);
        return sink;
    }

    private void AppendBarByBar(BarSeries bars, List<Signal> sink)
    {
        var engine = CreateEngine(bars.Symbol);
        for (var i = 0; i < bars.Count; i++)
        {
            engine.OnBar(OhlcvBar.At(bars, i), sink);
        }
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

        // One batch (and its column arrays) for the whole universe; the per-bar engine when the strategy has none.
        var batch = CreateBatch();
        var all = new List<Signal>();
        var starts = new int[universe.Count + 1];
        for (var s = 0; s < universe.Count; s++)
        {
            starts[s] = all.Count;
            var series = universe[s];
            ArgumentNullException.ThrowIfNull(series, nameof(universe));
            if (batch is null)
            {
                AppendBarByBar(series, all);
            }
            else
            {
                batch.AppendSignals(series, all);
            }
        }

        starts[universe.Count] = all.Count;

        // Stable: per-symbol emission order is kept within a (time, symbol) group.
        return SignalTimeOrder.Merge(all, starts, universe);
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
