using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

public class DonchianBreakoutStrategyTests
{
    private static List<double> FlatThen(params double[] tail)
    {
        var closes = Enumerable.Repeat(100.0, 60).ToList();
        closes.AddRange(tail);
        return closes;
    }

    [Fact]
    public void Breakout_above_the_55_bar_high_with_a_2N_stop()
    {
        // Flat bars: high 100.5, low 99.5, TR 1, ATR(20) = 1. Breakout close 102 (> 100.5): TR 3, ATR 1.1,
        // stop = 102 - 2.2 = 99.8; strength tanh(1.5 / 1.1). Next bar to 99: low 98.5 <= 99.8 -> exit:stop.
        var bars = SyntheticBars.FromCloses("X", FlatThen(102, 99));
        var signals = new DonchianBreakoutStrategy().SignalsOverTime(bars);
        Assert.Equal(2, signals.Count);
        Assert.Equal((Side.Long, bars.Timestamps[60]), (signals[0].Side, signals[0].TimestampUtcMs));
        Assert.Equal(99.8, signals[0].StopPrice!.Value, 12);
        Assert.Equal(Math.Tanh(1.5 / 1.1), signals[0].Strength, 12);
        Assert.Equal(SignalReasons.ExitStop, signals[1].Reason);
    }

    [Fact]
    public void Exit_channel_when_the_close_breaks_the_20_bar_low()
    {
        var wide = new DonchianBreakoutStrategy(new DonchianBreakoutParameters(AtrStopMultiple: 100));
        var bars = SyntheticBars.FromCloses("X", FlatThen(102, 99));
        var signals = wide.SignalsOverTime(bars);
        Assert.Equal(SignalReasons.ExitChannel, signals[1].Reason);
    }

    [Fact]
    public void Short_breakdown_is_symmetric()
    {
        var bars = SyntheticBars.FromCloses("X", FlatThen(98));
        var signal = Assert.Single(new DonchianBreakoutStrategy().SignalsOverTime(bars));
        Assert.Equal(Side.Short, signal.Side);
        Assert.Equal(98 + 2.2, signal.StopPrice!.Value, 12);
        Assert.True(signal.Strength < 0);
    }
}
