using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

public class ConnorsRsi2StrategyTests
{
    // 250 closes rising by 1 (100..349): RSI(2) averages gain 1, loss 0; close far above SMA(200).
    // FromCloses bars have range 2 (spread 0.5 around open/close), so ATR(14) = 2 before the drop.
    internal static List<double> RisingThen(params double[] tail)
    {
        var closes = Enumerable.Range(0, 250).Select(i => 100.0 + i).ToList();
        closes.AddRange(tail);
        return closes;
    }

    [Fact]
    public void Enters_long_on_a_pullback_above_the_trend_and_exits_on_rsi()
    {
        // Drop 349 -> 339: gain 1 + (0-1)/2 = 0.5, loss (10-0)/2 = 5, RSI = 100 - 100/1.1 = 9.09 <= 10.
        // +10: gain 5.25, loss 2.5, RSI 67.7 (< 70); +10: gain 7.625, loss 1.25, RSI 85.9 >= 70 -> exit:rsi.
        var bars = SyntheticBars.FromCloses("X", RisingThen(339, 349, 359));
        var signals = new ConnorsRsi2Strategy().SignalsOverTime(bars);
        Assert.Equal(2, signals.Count);
        var entry = signals[0];
        Assert.Equal((Side.Long, SignalReasons.Entry, bars.Timestamps[250]), (entry.Side, entry.Reason, entry.TimestampUtcMs));
        Assert.Equal(1 - ((100 - (100 / 1.1)) / 100), entry.Strength, 12);

        // ATR on the drop bar: TR = 349.5 - 338.5 = 11, ATR = 2 + (11 - 2)/14; stop = 339 - 2 ATR. (Bar 0 has
        // TR 1, not 2; its weight in the ATR has decayed to (13/14)^236 / 14 ~ 3e-9 by bar 250.)
        Assert.Equal(339 - (2 * (2 + (9.0 / 14))), entry.StopPrice!.Value, 7);
        Assert.Equal(new ConnorsRsi2Strategy().ParametersHash, entry.ParametersHash);
        Assert.Equal("connors-rsi2", entry.Strategy);
        Assert.Equal((Side.Flat, SignalReasons.ExitRsi, bars.Timestamps[252]), (signals[1].Side, signals[1].Reason, signals[1].TimestampUtcMs));
        Assert.Null(signals[1].StopPrice);
    }

    [Fact]
    public void Stop_exit_repeats_the_stop_level()
    {
        // After the entry at 339 (stop ~333.71), a bar to 330 has low 329.5 <= stop.
        var bars = SyntheticBars.FromCloses("X", RisingThen(339, 330));
        var signals = new ConnorsRsi2Strategy().SignalsOverTime(bars);
        Assert.Equal(SignalReasons.ExitStop, signals[1].Reason);
        Assert.Equal(bars.Timestamps[251], signals[1].TimestampUtcMs);
        Assert.Equal(signals[0].StopPrice, signals[1].StopPrice);
    }

    [Fact]
    public void A_stop_that_would_be_at_or_below_zero_is_not_set()
    {
        // Closes 1.00..3.49 then 3.00, highs 10 above the close, lows half the bar: ATR(14) ~ 11, so
        // close - 2 ATR < 0. The entry still happens, without a stop (never a non-positive price).
        var closes = Enumerable.Range(0, 250).Select(i => 1.0 + (0.01 * i)).Append(3.0).ToList();
        var bars = SyntheticBars.FromCloses("X", closes);
        for (var i = 0; i < bars.Count; i++)
        {
            bars.High[i] = bars.Close[i] + 10;
            bars.Low[i] = Math.Min(bars.Open[i], bars.Close[i]) * 0.5;
        }

        var entry = Assert.Single(new ConnorsRsi2Strategy().SignalsOverTime(bars));
        Assert.Equal(Side.Long, entry.Side);
        Assert.Null(entry.StopPrice);
    }

    [Fact]
    public void Time_stop_after_five_bars()
    {
        // Flat closes after the entry: gains and losses decay together, RSI stays 9.09, the stop is not touched.
        var bars = SyntheticBars.FromCloses("X", RisingThen(339, 339, 339, 339, 339, 339, 339));
        var signals = new ConnorsRsi2Strategy().SignalsOverTime(bars);
        Assert.Equal(SignalReasons.ExitTime, signals[1].Reason);
        Assert.Equal(bars.Timestamps[255], signals[1].TimestampUtcMs);

        // The setup still holds on the next bar, so the strategy re-enters (no same-bar re-entry).
        Assert.Equal(3, signals.Count);
        Assert.Equal((SignalReasons.Entry, bars.Timestamps[256]), (signals[2].Reason, signals[2].TimestampUtcMs));
    }

    [Fact]
    public void No_signal_before_the_trend_filter_is_ready_and_no_short_above_the_trend()
    {
        var closes = Enumerable.Range(0, 150).Select(i => 100.0 + (i % 2 == 0 ? 0 : 5)).ToList();
        Assert.Empty(new ConnorsRsi2Strategy().SignalsOverTime(SyntheticBars.FromCloses("X", closes)));
        var rising = SyntheticBars.FromCloses("X", RisingThen(350, 351, 352));
        Assert.DoesNotContain(new ConnorsRsi2Strategy().SignalsOverTime(rising), s => s.Side == Side.Short);
    }

    [Fact]
    public void Rejects_bad_parameters_and_out_of_order_bars()
    {
        Assert.Throws<TesseraValidationException>(() => new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(RsiPeriod: 0)));
        Assert.Throws<TesseraValidationException>(() => new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(LongEntryBelow: 120)));
        var engine = new ConnorsRsi2Strategy().CreateEngine("X");
        var sink = new List<Signal>();
        engine.OnBar(new OhlcvBar(10, 1, 1, 1, 1, 1), sink);
        var ex = Assert.Throws<TesseraValidationException>(() => engine.OnBar(new OhlcvBar(10, 1, 1, 1, 1, 1), sink));
        Assert.Equal("timestamp", ex.Field);
    }

    [Fact]
    public void Live_engine_bar_by_bar_equals_the_backtest_form_and_latest_is_the_last_bar()
    {
        var bars = SyntheticBars.FromCloses("X", RisingThen(339, 349, 359));
        var strategy = new ConnorsRsi2Strategy();
        var engine = strategy.CreateEngine("X");
        var live = new List<Signal>();
        for (var i = 0; i < bars.Count; i++)
        {
            engine.OnBar(OhlcvBar.At(bars, i), live);
        }

        Assert.Equal(strategy.SignalsOverTime(bars), live);
        Assert.Equal([live[^1]], strategy.LatestSignals(bars));
        Assert.Equal([live[0]], strategy.LatestSignals(bars.Slice(0, 251)));
        Assert.Empty(strategy.LatestSignals(bars.Slice(0, 252)));
    }
}
