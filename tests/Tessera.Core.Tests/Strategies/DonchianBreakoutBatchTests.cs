using Tessera.Core.Data;
using Tessera.Core.Strategies;
using Tessera.Core.Tests.Backtest;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

/// <summary>Donchian breakout's whole-series form (<see cref="DonchianBreakoutBatch"/>) against its per-bar engine:
/// periods and the short option, short series, equal highs (channel ties), the universe order, bad input, every S&amp;P symbol.</summary>
public class DonchianBreakoutBatchTests
{
    public static IEnumerable<DonchianBreakoutParameters> Combinations()
    {
        foreach (var allowShort in new[] { true, false })
        {
            yield return new DonchianBreakoutParameters(AllowShort: allowShort);
            yield return new DonchianBreakoutParameters(EntryPeriod: 5, ExitPeriod: 3, AtrPeriod: 4, AllowShort: allowShort);
            yield return new DonchianBreakoutParameters(EntryPeriod: 1, ExitPeriod: 1, AtrPeriod: 1, AtrStopMultiple: 0.3, AllowShort: allowShort);
            yield return new DonchianBreakoutParameters(EntryPeriod: 3, ExitPeriod: 10, AtrPeriod: 30, AtrStopMultiple: 1e6, AllowShort: allowShort);
        }
    }

    [Fact]
    public void Every_option_combination_matches_the_per_bar_engine()
    {
        // Closes stepping in pairs and plateaus: equal highs in the windows, closes equal to the channel (strict tests).
        var steps = SyntheticBars.FromCloses("S", [.. Enumerable.Range(0, 150).Select(i => 50.0 + (i / 3)), .. Enumerable.Repeat(99.0, 30), .. Enumerable.Range(0, 150).Select(i => 99.0 - (i / 2))], spread: 0);
        foreach (var p in Combinations())
        {
            var strategy = new DonchianBreakoutStrategy(p);
            foreach (var n in new[] { 0, 1, 2, 3, 5, 6, 20, 21, 55, 56, 640 })
            {
                BatchSignalAssert.SameAsPerBar(strategy, SyntheticBars.RandomWalk("X", n, (ulong)n + 9));
            }

            BatchSignalAssert.SameAsPerBar(strategy, steps);
            BatchSignalAssert.UniverseSameAsPerBar(strategy, [SyntheticBars.RandomWalk("b", 400, 1), SyntheticBars.RandomWalk("a", 380, 2, startDay: 20), steps]);
        }
    }

    [Fact]
    public void Bad_bars_fail_with_the_per_bar_engines_error()
    {
        var good = SyntheticBars.RandomWalk("X", 30, 3);
        var bad = new BarSeries("X", good.Timestamps, good.Open, good.High, [.. good.Low.Select((l, i) => i == 7 ? good.High[7] * 2 : l)], good.Close, good.Volume);
        BatchSignalAssert.SameError(new DonchianBreakoutStrategy(), bad);
    }

    [SharedDataFact(SpUniverse.File)]
    public void Every_sp500_symbol_matches_the_per_bar_engine()
    {
        foreach (var strategy in new[] { new DonchianBreakoutStrategy(), new DonchianBreakoutStrategy(new DonchianBreakoutParameters(AllowShort: false)) })
        {
            foreach (var series in SpUniverse.Series)
            {
                BatchSignalAssert.SameAsPerBar(strategy, series);
            }
        }

        BatchSignalAssert.UniverseSameAsPerBar(new DonchianBreakoutStrategy(), SpUniverse.Series);
    }
}
