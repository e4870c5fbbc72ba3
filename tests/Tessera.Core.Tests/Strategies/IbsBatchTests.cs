using Tessera.Core.Data;
using Tessera.Core.Strategies;
using Tessera.Core.Tests.Backtest;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

/// <summary>IBS's whole-series form (<see cref="IbsBatch"/>) against its per-bar engine: both exit rules with every lag,
/// short-side and minimum-price option, short series, flat bars (IBS 0.5), the universe order, bad input, every S&amp;P symbol.</summary>
public class IbsBatchTests
{
    public static IEnumerable<IbsParameters> Combinations()
    {
        foreach (var exit in new[] { IbsExit.Level, IbsExit.AtrStopAndTime })
        {
            foreach (var allowShort in new[] { true, false })
            {
                foreach (var lag in new[] { IndicatorLag.None, IndicatorLag.OneBar })
                {
                    foreach (var minPrice in new[] { 0.0, 60.0 })
                    {
                        yield return new IbsParameters(Exit: exit, AllowShort: allowShort, LagBars: lag, MinPrice: minPrice);
                        yield return new IbsParameters(LongBelow: 0.4, ShortAbove: 0.6, TrendPeriod: 10, MaxHoldBars: 0, AtrPeriod: 3, Exit: exit, AllowShort: allowShort, LagBars: lag, MinPrice: minPrice);
                        yield return new IbsParameters(LongBelow: 0.5, ShortAbove: 0.5, TrendPeriod: 3, MaxHoldBars: 1, AtrPeriod: 1, AtrStopMultiple: 1e6, Exit: exit, AllowShort: allowShort, LagBars: lag, MinPrice: minPrice);
                    }
                }
            }
        }
    }

    [Fact]
    public void Every_option_combination_matches_the_per_bar_engine()
    {
        var flat = SyntheticBars.FromCloses("F", [.. Enumerable.Repeat(70.0, 40), .. Enumerable.Range(0, 300).Select(i => 70.0 + ((i % 9) - 4))]);
        // Closes repeating in pairs on a rise and on a fall: every repeated bar has IBS exactly 0.5 (a tie with the
        // 0.5 thresholds) while the close is above (below) a short trend average.
        var steps = SyntheticBars.FromCloses("S", [.. Enumerable.Range(0, 200).Select(i => 50.0 + (i / 2)), .. Enumerable.Range(0, 200).Select(i => 150.0 - (i / 2))]);
        foreach (var p in Combinations())
        {
            var strategy = new IbsStrategy(p);
            foreach (var n in new[] { 0, 1, 2, 3, 9, 10, 199, 200, 201, 640 })
            {
                BatchSignalAssert.SameAsPerBar(strategy, SyntheticBars.RandomWalk("X", n, (ulong)n + 5));
            }

            BatchSignalAssert.SameAsPerBar(strategy, flat);
            BatchSignalAssert.SameAsPerBar(strategy, steps);
            BatchSignalAssert.UniverseSameAsPerBar(strategy, [SyntheticBars.RandomWalk("b", 400, 1), SyntheticBars.RandomWalk("a", 380, 2, startDay: 20), flat]);
        }
    }

    [Fact]
    public void Bad_bars_fail_with_the_per_bar_engines_error()
    {
        var good = SyntheticBars.RandomWalk("X", 30, 3);
        var bad = new BarSeries("X", good.Timestamps, good.Open, good.High, good.Low, [.. good.Close.Select((c, i) => i == 12 ? double.NaN : c)], good.Volume);
        BatchSignalAssert.SameError(new IbsStrategy(new IbsParameters(TrendPeriod: 5)), bad);
    }

    [SharedDataFact(SpUniverse.File)]
    public void Every_sp500_symbol_matches_the_per_bar_engine()
    {
        var forms = new[] { new IbsStrategy(), new IbsStrategy(new IbsParameters(Exit: IbsExit.AtrStopAndTime, AllowShort: false, LagBars: IndicatorLag.OneBar, MinPrice: 5)) };
        foreach (var strategy in forms)
        {
            foreach (var series in SpUniverse.Series)
            {
                BatchSignalAssert.SameAsPerBar(strategy, series);
            }
        }

        BatchSignalAssert.UniverseSameAsPerBar(new IbsStrategy(), SpUniverse.Series);
    }
}
