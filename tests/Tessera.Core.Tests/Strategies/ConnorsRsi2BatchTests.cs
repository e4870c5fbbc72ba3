using Tessera.Core.Data;
using Tessera.Core.Strategies;
using Tessera.Core.Tests.Backtest;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

/// <summary>
/// RSI-2's whole-series form (<see cref="ConnorsRsi2Batch"/>, also behind <see cref="Rsi2AndIbsStrategy"/>) against its
/// per-bar engine: every option combination on synthetic series (short ones, ties, gaps, stops that cannot be prices),
/// the universe order, bad input, and every S&amp;P symbol when the shared data is present.
/// </summary>
public class ConnorsRsi2BatchTests
{
    private static readonly int[] Lengths = [0, 1, 2, 3, 14, 15, 199, 200, 201, 202, 640];

    /// <summary>Every combination of the options the batch branches on (short side, lag, minimum price), with default
    /// and small periods (so signals also come early and often) and the stop/time-stop variants.</summary>
    public static IEnumerable<ConnorsRsi2Parameters> Combinations()
    {
        foreach (var allowShort in new[] { true, false })
        {
            foreach (var lag in new[] { IndicatorLag.None, IndicatorLag.OneBar })
            {
                foreach (var minPrice in new[] { 0.0, 60.0 })
                {
                    yield return new ConnorsRsi2Parameters(AllowShort: allowShort, LagBars: lag, MinPrice: minPrice);
                    yield return new ConnorsRsi2Parameters(RsiPeriod: 3, TrendPeriod: 20, AtrPeriod: 5, MaxHoldBars: 0, LongEntryBelow: 30, ShortEntryAbove: 70, AllowShort: allowShort, LagBars: lag, MinPrice: minPrice);
                    yield return new ConnorsRsi2Parameters(RsiPeriod: 1, TrendPeriod: 1, AtrPeriod: 1, MaxHoldBars: 1, AtrStopMultiple: 0.5, AllowShort: allowShort, LagBars: lag, MinPrice: minPrice);

                    // A stop multiple so large that the long stop is below zero (no stop) and the short one far away.
                    yield return new ConnorsRsi2Parameters(TrendPeriod: 10, AtrStopMultiple: 1e6, LongEntryBelow: 40, ShortEntryAbove: 60, AllowShort: allowShort, LagBars: lag, MinPrice: minPrice);
                }
            }
        }
    }

    [Fact]
    public void Every_option_combination_matches_the_per_bar_engine_on_random_walks()
    {
        foreach (var p in Combinations())
        {
            var strategy = new ConnorsRsi2Strategy(p);
            foreach (var n in Lengths)
            {
                for (ulong seed = 1; seed <= 3; seed++)
                {
                    BatchSignalAssert.SameAsPerBar(strategy, SyntheticBars.RandomWalk("X", n, seed));
                }
            }
        }
    }

    [Fact]
    public void The_and_strategy_matches_its_per_bar_engine_in_every_combination()
    {
        foreach (var p in Combinations())
        {
            foreach (var ibs in new[] { new IbsParameters(), new IbsParameters(LongBelow: 0.6, ShortAbove: 0.4) })
            {
                var strategy = new Rsi2AndIbsStrategy(p, ibs);
                foreach (var n in new[] { 0, 1, 15, 201, 640 })
                {
                    BatchSignalAssert.SameAsPerBar(strategy, SyntheticBars.RandomWalk("X", n, 7));
                }
            }
        }
    }

    [Fact]
    public void Ties_flat_runs_and_exact_levels_match()
    {
        // Flat closes: no loss (RSI 100), close == SMA (the strict trend test fails on the tie); then steps that put
        // RSI exactly on the entry and exit levels with small periods.
        var closes = new List<double>();
        closes.AddRange(Enumerable.Repeat(50.0, 30));
        for (var i = 0; i < 200; i++)
        {
            closes.Add(i % 7 < 3 ? 50 + i : 50 + i - 4);
            closes.Add(closes[^1]);
        }

        closes.AddRange(Enumerable.Repeat(closes[^1], 20));
        var bars = SyntheticBars.FromCloses("TIE", closes);
        foreach (var p in Combinations())
        {
            BatchSignalAssert.SameAsPerBar(new ConnorsRsi2Strategy(p), bars);
            BatchSignalAssert.SameAsPerBar(new ConnorsRsi2Strategy(p with { LongEntryBelow = 100, ShortEntryAbove = 0, LongExitAbove = 100, ShortExitBelow = 0 }), bars);
        }
    }

    [Fact]
    public void Calendar_gaps_and_a_ragged_universe_keep_the_time_then_symbol_order()
    {
        // Weekday-only timestamps with holes, symbols out of order, one symbol twice and one empty series: the merged
        // order must be the stable sort by (time, ordinal symbol) of the concatenation, as before.
        var a = Gapped(SyntheticBars.RandomWalk("b", 500, 11));
        var b = SyntheticBars.RandomWalk("A", 480, 12, startDay: 20);
        var c = SyntheticBars.RandomWalk("a", 500, 13);
        var d = SyntheticBars.RandomWalk("b", 300, 14, startDay: 100);
        var empty = SyntheticBars.RandomWalk("Z", 0, 15);
        var universe = new List<BarSeries> { a, b, empty, c, d };
        foreach (var p in Combinations())
        {
            BatchSignalAssert.UniverseSameAsPerBar(new ConnorsRsi2Strategy(p), universe);
        }

        BatchSignalAssert.UniverseSameAsPerBar(new Rsi2AndIbsStrategy(new ConnorsRsi2Parameters(TrendPeriod: 20, LongEntryBelow: 40, ShortEntryAbove: 60), new IbsParameters(LongBelow: 0.7, ShortAbove: 0.3)), universe);
        Assert.Empty(new ConnorsRsi2Strategy().SignalsOverTime([]));
    }

    [Fact]
    public void Bad_bars_fail_with_the_per_bar_engines_error()
    {
        var strategy = new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(TrendPeriod: 5));
        var good = SyntheticBars.RandomWalk("X", 60, 3);
        BatchSignalAssert.SameError(strategy, With(good, 40, ts: good.Timestamps[39]));
        BatchSignalAssert.SameError(strategy, With(good, 0, ts: long.MinValue));
        BatchSignalAssert.SameError(strategy, With(good, 30, close: double.NaN));
        BatchSignalAssert.SameError(strategy, With(good, 30, close: double.PositiveInfinity));
        BatchSignalAssert.SameError(strategy, With(good, 30, close: -1));
        BatchSignalAssert.SameError(strategy, With(good, 31, high: good.Low[31] / 2));
        BatchSignalAssert.SameError(strategy, With(good, 32, open: good.High[32] * 2));
        BatchSignalAssert.SameError(strategy, With(good, 33, volume: -1));
        BatchSignalAssert.SameError(strategy, With(good, 33, volume: double.NaN));
        BatchSignalAssert.SameError(strategy, With(good, 59, low: 0));
    }

    [SharedDataFact(SpUniverse.File)]
    public void Every_sp500_symbol_matches_the_per_bar_engine_in_the_reference_and_kobe81_forms()
    {
        var forms = new SeriesStrategy[]
        {
            new ConnorsRsi2Strategy(),
            new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(AllowShort: false)),
            new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(AllowShort: false, LagBars: IndicatorLag.OneBar, MinPrice: 5)),
            new Rsi2AndIbsStrategy(),
        };
        foreach (var strategy in forms)
        {
            foreach (var series in SpUniverse.Series)
            {
                BatchSignalAssert.SameAsPerBar(strategy, series);
            }
        }

        // The universe form, its order and the count the benchmarks print (issue 18).
        var reference = new ConnorsRsi2Strategy();
        BatchSignalAssert.UniverseSameAsPerBar(reference, SpUniverse.Series);
        Assert.Equal(47_537, reference.SignalsOverTime(SpUniverse.Series).Count);
    }

    private static BarSeries Gapped(BarSeries s)
    {
        var ts = new long[s.Count];
        var day = 0L;
        for (var i = 0; i < s.Count; i++)
        {
            day += i % 5 == 4 ? 3 : 1;
            day += i % 37 == 0 ? 2 : 0;
            ts[i] = day * SyntheticBars.Day;
        }

        return new BarSeries(s.Symbol, ts, s.Open, s.High, s.Low, s.Close, s.Volume);
    }

    private static BarSeries With(BarSeries s, int i, long? ts = null, double? open = null, double? high = null, double? low = null, double? close = null, double? volume = null)
    {
        var t = (long[])s.Timestamps.Clone();
        var o = (double[])s.Open.Clone();
        var h = (double[])s.High.Clone();
        var l = (double[])s.Low.Clone();
        var c = (double[])s.Close.Clone();
        var v = (double[])s.Volume.Clone();
        t[i] = ts ?? t[i];
        o[i] = open ?? o[i];
        h[i] = high ?? h[i];
        l[i] = low ?? l[i];
        c[i] = close ?? c[i];
        v[i] = volume ?? v[i];
        return new BarSeries(s.Symbol, t, o, h, l, c, v);
    }
}
