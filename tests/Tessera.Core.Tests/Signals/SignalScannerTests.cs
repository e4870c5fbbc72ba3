using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Tessera.Core.Tests.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Signals;

public class SignalScannerTests
{
    [Fact]
    public void Scans_the_latest_bar_sorted_by_strength_deterministically()
    {
        var universe = SyntheticBars.Universe(12, 700, 99);
        var strategies = StrategyRegistry.Default.CreateAll();
        var scan = SignalScanner.ScanLatest(universe, strategies);
        Assert.True(scan.Count >= 2, "cross-sectional rankings always select at the latest date");
        var last = universe.ToDictionary(s => s.Symbol, s => s.Timestamps[^1], StringComparer.Ordinal);
        Assert.All(scan, s => Assert.Equal(last[s.Symbol], s.TimestampUtcMs));
        for (var i = 1; i < scan.Count; i++)
        {
            Assert.True(SignalOrder.ByStrength(scan[i - 1], scan[i]) < 0);
            Assert.True(Math.Abs(scan[i - 1].Strength) >= Math.Abs(scan[i].Strength));
        }

        // Same answer whatever the order of the universe and strategies, and with one thread.
        var shuffled = universe.AsEnumerable().Reverse().ToList();
        var reordered = strategies.Reverse().ToList();
        Assert.Equal(scan, SignalScanner.ScanLatest(shuffled, reordered, maxDegreeOfParallelism: 1));

        // Equal to the union of each strategy's latest signals.
        var union = strategies.SelectMany(s => s.LatestSignals(universe)).ToList();
        union.Sort(SignalOrder.ByStrength);
        Assert.Equal(union, scan);
    }

    [Fact]
    public void Stale_series_are_skipped_unless_asked_for()
    {
        var universe = SyntheticBars.Universe(8, 600, 5);
        // Cut the stale series right after a bar where ADX regime signals, so it has latest-bar signals to hide.
        var lastSignal = new AdxRegimeStrategy().SignalsOverTime(universe[0]).Last(s => s.TimestampUtcMs < universe[0].Timestamps[^1]);
        var stale = universe[0].Slice(0, Array.IndexOf(universe[0].Timestamps, lastSignal.TimestampUtcMs) + 1);
        var withStale = universe.Skip(1).Append(stale).ToList();
        var strategies = new IStrategy[] { new AdxRegimeStrategy(), new MomentumRankStrategy() };
        Assert.DoesNotContain(SignalScanner.ScanLatest(withStale, strategies), s => s.Symbol == stale.Symbol);
        var adxOnStale = new AdxRegimeStrategy().LatestSignals(stale);
        Assert.NotEmpty(adxOnStale);
        var included = SignalScanner.ScanLatest(withStale, strategies, includeStale: true);
        Assert.Equal(adxOnStale.Count, included.Count(s => s.Symbol == stale.Symbol));
    }

    [Fact]
    public void Order_breaks_ties_by_strategy_then_symbol()
    {
        var a = new Signal(1, "B", Side.Long, 0.5, "x", "h", SignalReasons.Entry);
        var b = new Signal(1, "A", Side.Short, -0.5, "x", "h", SignalReasons.Entry);
        var c = new Signal(1, "A", Side.Long, 0.9, "y", "h", SignalReasons.Entry);
        var list = new List<Signal> { a, b, c };
        list.Sort(SignalOrder.ByStrength);
        Assert.Equal([c, b, a], list);
    }
}
