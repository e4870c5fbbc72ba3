using Tessera.Core.Data;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

/// <summary>
/// No look-ahead, enforced for every registered strategy: changing (or removing) every bar after time t must
/// not change any signal at or before t. Several cut points, every series of the universe mutated.
/// </summary>
public class LookAheadTests
{
    private static readonly List<BarSeries> Universe = SyntheticBars.Universe(10, 900, 7);

    public static TheoryData<string> StrategyNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in StrategyRegistry.Default.Names)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_registered_strategy_is_covered()
    {
        Assert.Equal(9, StrategyRegistry.Default.Names.Count);
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public void Signals_up_to_t_ignore_bars_after_t(string name)
    {
        var strategy = StrategyRegistry.Default.Create(name);
        var baseline = strategy.SignalsOverTime(Universe);
        var cutIndexes = new[] { 300, 420, 555, 700, 850 };
        var checkedSignals = 0;
        foreach (var cut in cutIndexes)
        {
            var t = Universe[0].Timestamps[cut];
            var expected = baseline.Where(s => s.TimestampUtcMs <= t).ToList();
            checkedSignals = Math.Max(checkedSignals, expected.Count);

            var mutated = Universe.Select((s, k) => SyntheticBars.MutateAfter(s, t, 1000 + (ulong)(cut * 31) + (ulong)k)).ToList();
            AssertSame(expected, strategy.SignalsOverTime(mutated).Where(s => s.TimestampUtcMs <= t).ToList(), name, cut, "mutated");

            var truncated = Universe.Select(s => s.Slice(0, CountUpTo(s, t))).ToList();
            AssertSame(expected, strategy.SignalsOverTime(truncated), name, cut, "truncated");
        }

        // Not vacuous: the strategy produced signals before the last cut.
        Assert.True(checkedSignals >= 3, $"{name}: only {checkedSignals} signals before the last cut");
    }

    private static int CountUpTo(BarSeries s, long t)
    {
        var n = 0;
        while (n < s.Count && s.Timestamps[n] <= t)
        {
            n++;
        }

        return n;
    }

    private static void AssertSame(List<Signal> expected, IReadOnlyList<Signal> actual, string name, int cut, string how)
    {
        Assert.True(expected.Count == actual.Count, $"{name} cut {cut} ({how}): {expected.Count} signals before, {actual.Count} after");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i] == actual[i], $"{name} cut {cut} ({how}): signal {i} {expected[i]} != {actual[i]}");
        }
    }
}
