using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Tessera.Core.Tests.Indicators;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

/// <summary>The look-ahead check again on real prices: 40 S&amp;P 500 symbols, every strategy, three cut dates.</summary>
public class RealDataLookAheadTests
{
    [SharedDataFact(SpDailyData.FileName)]
    public void No_strategy_signal_up_to_t_depends_on_bars_after_t_on_real_data()
    {
        var universe = SpDailyData.All.Take(40).ToList();
        var calendar = universe[0].Timestamps;
        foreach (var strategy in StrategyRegistry.Default.CreateAll())
        {
            var baseline = strategy.SignalsOverTime(universe);
            Assert.True(baseline.Count > 0, strategy.Name + " produced no signal on 40 S&P symbols");
            foreach (var cut in new[] { 400, 800, 1100 })
            {
                var t = calendar[cut];
                var expected = baseline.Where(s => s.TimestampUtcMs <= t).ToList();
                var mutated = universe.Select((s, k) => SyntheticBars.MutateAfter(s, t, (ulong)(cut + k))).ToList();
                var actual = strategy.SignalsOverTime(mutated).Where(s => s.TimestampUtcMs <= t).ToList();
                Assert.True(expected.SequenceEqual(actual), $"{strategy.Name}: signals up to cut {cut} changed when later bars changed");
            }
        }
    }
}
