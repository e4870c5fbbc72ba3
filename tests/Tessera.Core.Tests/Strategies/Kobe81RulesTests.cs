using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Strategies;

/// <summary>
/// The Kobe81 seed's (003) strategy rules, each pinned on hand-built bars: IBS exits by its ATR stop and time stop like
/// RSI-2; indicators shifted one bar; minimum price 5; and the kobe81 preset that makes them the defaults.
/// </summary>
public sealed class Kobe81RulesTests
{
    // SMA(3) and ATR(2) keep the hand arithmetic short. True ranges: 1, 1, 1.2 (gap from 10.8), 1 -> ATR(2): 1, 1.1,
    // 1.05 at bar 3. Bar 3: IBS = (11.6 - 11.5)/1 = 0.1 < 0.2, close 11.6 > SMA(3) = (10.8 + 11.9 + 11.6)/3 = 11.433:
    // long entry, stop = 11.6 - 2 x 1.05 = 9.5. Bar 4: IBS = 0.5/0.6 = 0.833 > 0.8 (today's exit:ibs), low 11.6 > 9.5.
    private static readonly (double O, double H, double L, double C)[] Base =
    [
        (10, 10.5, 9.5, 10), (10, 11, 10, 10.8), (11.2, 12, 11, 11.9), (12, 12.5, 11.5, 11.6), (11.7, 12.2, 11.6, 12.1),
    ];

    private static readonly IbsParameters SmallIbs = new(TrendPeriod: 3, AtrPeriod: 2);

    [Fact]
    public void Kobe81_ibs_exits_by_atr_stop_like_rsi2()
    {
        // Bar 5's low 9.4 touches the 9.5 stop: exit:stop repeating the level (the backtest fills it intrabar).
        var bars = Series("X", [.. Base, (12, 12.1, 9.4, 9.8)]);
        var signals = new IbsStrategy(SmallIbs with { Exit = IbsExit.AtrStopAndTime }).SignalsOverTime(bars);

        Assert.Equal(2, signals.Count);
        Assert.Equal((Side.Long, SignalReasons.Entry, Ts(3)), (signals[0].Side, signals[0].Reason, signals[0].TimestampUtcMs));
        Assert.Equal(0.9, signals[0].Strength, 12);
        Assert.Equal(9.5, signals[0].StopPrice!.Value, 12);
        Assert.Equal((Side.Flat, SignalReasons.ExitStop, Ts(5)), (signals[1].Side, signals[1].Reason, signals[1].TimestampUtcMs));
        Assert.Equal(signals[0].StopPrice, signals[1].StopPrice);
    }

    [Fact]
    public void Kobe81_ibs_exits_by_time_stop_and_never_on_the_ibs_level()
    {
        // MaxHoldBars 2: bar 4's IBS 0.833 does not exit; bar 5 (low 11.9, above the stop) is entry + 2: exit:time.
        var bars = Series("X", [.. Base, (12, 12.3, 11.9, 12.2)]);
        var signals = new IbsStrategy(SmallIbs with { Exit = IbsExit.AtrStopAndTime, MaxHoldBars = 2 }).SignalsOverTime(bars);
        Assert.Equal([(SignalReasons.Entry, Ts(3)), (SignalReasons.ExitTime, Ts(5))], signals.Select(s => (s.Reason, s.TimestampUtcMs)));
        Assert.Null(signals[1].StopPrice);
    }

    [Fact]
    public void Todays_ibs_exit_on_the_opposite_level_stays_the_default()
    {
        var bars = Series("X", [.. Base, (12, 12.1, 9.4, 9.8)]);
        var signals = new IbsStrategy(SmallIbs).SignalsOverTime(bars);
        Assert.Equal([(SignalReasons.Entry, Ts(3)), (SignalReasons.ExitIbs, Ts(4))], signals.Select(s => (s.Reason, s.TimestampUtcMs)));
        Assert.Null(signals[0].StopPrice);
        Assert.Equal(IbsExit.Level, new IbsParameters().Exit);
    }

    [Fact]
    public void Kobe81_lag_reads_ibs_and_sma_of_the_previous_bar()
    {
        // Shifted one bar: bar 4 reads IBS(3) = 0.1 and SMA(3) = 11.433 against close(4) = 12.1 -> entry at bar 4,
        // strength 1 - IBS(3); bar 5 reads IBS(4) = 0.833 > 0.8 -> exit:ibs at bar 5 (one bar later than unshifted).
        var bars = Series("X", [.. Base, (12, 12.3, 11.9, 12.2)]);
        var signals = new IbsStrategy(SmallIbs with { LagBars = IndicatorLag.OneBar }).SignalsOverTime(bars);
        Assert.Equal([(SignalReasons.Entry, Ts(4)), (SignalReasons.ExitIbs, Ts(5))], signals.Select(s => (s.Reason, s.TimestampUtcMs)));
        Assert.Equal(0.9, signals[0].Strength, 12);
    }

    [Fact]
    public void Kobe81_lag_compares_the_current_close_with_the_previous_sma()
    {
        // Bar 4 closes at 11.4, below SMA(3) of bar 3 (11.433) although IBS(3) = 0.1: no entry. (Unshifted, bar 3
        // would enter: close(3) 11.6 > SMA(3).)
        var bars = Series("X", [.. Base[..4], (11.7, 12.2, 11.3, 11.4)]);
        Assert.Empty(new IbsStrategy(SmallIbs with { LagBars = IndicatorLag.OneBar }).SignalsOverTime(bars));
        Assert.Equal(Ts(3), Assert.Single(new IbsStrategy(SmallIbs).SignalsOverTime(bars)).TimestampUtcMs);
    }

    [Fact]
    public void Kobe81_rsi2_lag_enters_one_bar_later_with_the_previous_atr()
    {
        // RSI(2) at bar 250 (drop 349 -> 339) is 9.09; shifted, bar 251 reads it with close 349 > SMA(200) of bar 250:
        // entry at bar 251, stop = close(251) - 2 x ATR(250) = 349 - 2 (2 + 9/14). Bar 252 reads RSI(251) = 67.7 < 70;
        // bar 253 reads RSI(252) = 85.9 >= 70: exit:rsi.
        var bars = SyntheticBars.FromCloses("X", ConnorsRsi2StrategyTests.RisingThen(339, 349, 359, 369));
        var signals = new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(LagBars: IndicatorLag.OneBar)).SignalsOverTime(bars);
        Assert.Equal(2, signals.Count);
        Assert.Equal((Side.Long, bars.Timestamps[251]), (signals[0].Side, signals[0].TimestampUtcMs));
        Assert.Equal(1 - ((100 - (100 / 1.1)) / 100), signals[0].Strength, 12);
        Assert.Equal(349 - (2 * (2 + (9.0 / 14))), signals[0].StopPrice!.Value, 7);
        Assert.Equal((SignalReasons.ExitRsi, bars.Timestamps[253]), (signals[1].Reason, signals[1].TimestampUtcMs));
    }

    [Theory]
    [InlineData(4.99, false)]
    [InlineData(5.00, true)]
    [InlineData(5.01, true)]
    public void Kobe81_min_price_5_refuses_entries_below_5(double close, bool enters)
    {
        // Bar 3 closes at `close` with IBS = 0.1/1.0 and above SMA(3); bars 0..2 trade near 4.6 (bar 2: IBS 1, above
        // its SMA, so no entry either way).
        var bars = Series("X", (4.5, 4.6, 4.4, 4.5), (4.6, 4.7, 4.5, 4.6), (4.6, 4.8, 4.5, 4.8), (close, close + 0.9, close - 0.1, close));
        var signals = new IbsStrategy(new IbsParameters(TrendPeriod: 3, MinPrice: 5)).SignalsOverTime(bars);
        Assert.Equal(enters ? 1 : 0, signals.Count);
        Assert.Single(new IbsStrategy(new IbsParameters(TrendPeriod: 3)).SignalsOverTime(bars)); // no minimum by default
    }

    [Theory]
    [InlineData(338.99, true)]
    [InlineData(339.00, true)]
    [InlineData(339.01, false)]
    public void Kobe81_min_price_applies_to_rsi2_at_the_close_inclusive(double minPrice, bool enters)
    {
        // The RSI-2 entry bar closes at 339: a minimum of exactly 339 passes, one cent above refuses.
        var bars = SyntheticBars.FromCloses("X", ConnorsRsi2StrategyTests.RisingThen(339, 349, 359));
        var signals = new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(MinPrice: minPrice)).SignalsOverTime(bars);
        Assert.Equal(enters, signals.Count > 0 && signals[0].TimestampUtcMs == bars.Timestamps[250]);
        Assert.Equal(enters ? 2 : 0, signals.Count);
    }

    [Fact]
    public void Kobe81_preset_defaults_are_the_seed_rules()
    {
        var preset = BacktestPresets.Get("kobe81");
        var rsi2 = (ConnorsRsi2Strategy)StrategyFactory.Create("connors-rsi2", preset.ParametersFor("connors-rsi2", null));
        Assert.Equal(new ConnorsRsi2Parameters(LagBars: 1, MinPrice: 5), rsi2.Parameters);

        var ibs = (IbsStrategy)StrategyFactory.Create("ibs", preset.ParametersFor("ibs", null));
        Assert.Equal(new IbsParameters(Exit: IbsExit.AtrStopAndTime, AtrPeriod: 14, AtrStopMultiple: 2, MaxHoldBars: 5, LagBars: 1, MinPrice: 5), ibs.Parameters);

        var and = (Rsi2AndIbsStrategy)StrategyFactory.Create("rsi2-and-ibs", preset.ParametersFor("rsi2-and-ibs", null));
        Assert.Equal((1, 5.0), (and.Rsi2.LagBars, and.Rsi2.MinPrice));

        var sizer = Assert.IsType<CashFractionSizer>(preset.Sizing.Build());
        Assert.Equal(0.007, sizer.Fraction);
    }

    [Fact]
    public void Kobe81_preset_takes_the_callers_params_over_its_own_and_refuses_other_strategies()
    {
        var preset = BacktestPresets.Kobe81;
        var ibs = (IbsStrategy)StrategyFactory.Create("ibs", preset.ParametersFor("ibs", "minprice=10,TrendPeriod=50"));
        Assert.Equal((10.0, 50, IbsExit.AtrStopAndTime), (ibs.Parameters.MinPrice, ibs.Parameters.TrendPeriod, ibs.Parameters.Exit));

        var ex = Assert.Throws<TesseraValidationException>(() => preset.ParametersFor("donchian-breakout", null));
        Assert.Equal("preset", ex.Field);
        Assert.Equal("preset", Assert.Throws<TesseraValidationException>(() => BacktestPresets.Get("kobe82")).Field);
    }

    [Fact]
    public void Default_parameter_hashes_are_unchanged_by_the_new_options()
    {
        // The new keys enter the canonical string only when set, so every pinned default hash stays as it was.
        Assert.Equal("ibs(ibsLong=0.2;ibsShort=0.8;ibsTrend=200;ibsMaxHold=5;ibsAllowShort=true)", new IbsStrategy().CanonicalParameters);
        Assert.DoesNotContain("lag", new ConnorsRsi2Strategy().CanonicalParameters, StringComparison.Ordinal);
        Assert.DoesNotContain("ibsExit", new Rsi2AndIbsStrategy().CanonicalParameters, StringComparison.Ordinal);
        Assert.Contains("ibsExit=AtrStopAndTime;ibsAtr=14;ibsAtrStop=2;ibsLag=1;ibsMinPrice=5", new IbsStrategy(new IbsParameters(Exit: IbsExit.AtrStopAndTime, LagBars: 1, MinPrice: 5)).CanonicalParameters, StringComparison.Ordinal);
        Assert.Contains("lag=1;minPrice=5", new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(LagBars: 1, MinPrice: 5)).CanonicalParameters, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_lag_min_price_or_exit_rule_is_a_typed_error_naming_the_field()
    {
        Assert.Equal("LagBars", Assert.Throws<TesseraValidationException>(() => new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(LagBars: 2))).Field);
        Assert.Equal("MinPrice", Assert.Throws<TesseraValidationException>(() => new IbsStrategy(new IbsParameters(MinPrice: -1))).Field);
        Assert.Equal("MinPrice", Assert.Throws<TesseraValidationException>(() => new IbsStrategy(new IbsParameters(MinPrice: double.NaN))).Field);
        Assert.Equal("Exit", Assert.Throws<TesseraValidationException>(() => new IbsStrategy(new IbsParameters(Exit: (IbsExit)5))).Field);
        Assert.Equal("Exit", Assert.Throws<TesseraValidationException>(() => StrategyFactory.Create("ibs", "Exit=1")).Field);
        Assert.Equal("Exit", Assert.Throws<TesseraValidationException>(() => StrategyFactory.Create("ibs", "Exit=Stop")).Field);
        Assert.Equal(IbsExit.AtrStopAndTime, ((IbsStrategy)StrategyFactory.Create("ibs", "exit=atrstopandtime")).Parameters.Exit);
    }

    [Fact]
    public void Lagged_engines_replay_the_same_signals_live_and_in_batch()
    {
        var bars = SyntheticBars.RandomWalk("X", 600, 81);
        foreach (var strategy in new ISeriesStrategy[]
        {
            new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(LagBars: 1, MinPrice: 5)),
            new IbsStrategy(new IbsParameters(Exit: IbsExit.AtrStopAndTime, LagBars: 1, MinPrice: 5)),
            new Rsi2AndIbsStrategy(new ConnorsRsi2Parameters(LagBars: 1), new IbsParameters(LagBars: 1)),
        })
        {
            var engine = strategy.CreateEngine("X");
            var live = new List<Signal>();
            for (var i = 0; i < bars.Count; i++)
            {
                engine.OnBar(OhlcvBar.At(bars, i), live);
            }

            Assert.Equal(strategy.SignalsOverTime(bars), live);
        }
    }
}
