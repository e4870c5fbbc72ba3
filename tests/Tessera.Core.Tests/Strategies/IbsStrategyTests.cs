using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

public class IbsStrategyTests
{
    [Fact]
    public void Enters_on_low_ibs_above_trend_and_exits_on_high_ibs()
    {
        // Drop bar 349 -> 339: high 349.5, low 338.5, IBS = 0.5/11 < 0.2, close above SMA(200).
        // Up bar 339 -> 349: IBS = 10.5/11 > 0.8 -> exit:ibs.
        var bars = SyntheticBars.FromCloses("X", ConnorsRsi2StrategyTests.RisingThen(339, 349));
        var signals = new IbsStrategy().SignalsOverTime(bars);
        Assert.Equal(2, signals.Count);
        Assert.Equal((Side.Long, bars.Timestamps[250]), (signals[0].Side, signals[0].TimestampUtcMs));
        Assert.Equal(1 - (0.5 / 11), signals[0].Strength, 12);
        Assert.Null(signals[0].StopPrice);
        Assert.Equal((SignalReasons.ExitIbs, bars.Timestamps[251]), (signals[1].Reason, signals[1].TimestampUtcMs));
    }

    [Fact]
    public void Rising_bars_close_near_the_high_but_never_short_above_the_trend()
    {
        var bars = SyntheticBars.FromCloses("X", ConnorsRsi2StrategyTests.RisingThen(350, 351));
        Assert.Empty(new IbsStrategy().SignalsOverTime(bars));
    }
}
