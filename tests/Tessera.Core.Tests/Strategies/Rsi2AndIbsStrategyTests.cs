using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

public class Rsi2AndIbsStrategyTests
{
    [Fact]
    public void Needs_both_conditions_and_uses_rsi2_exits()
    {
        // The drop bar meets both (RSI 9.09, IBS 0.045); exit follows RSI-2 (two up bars), not IBS (one).
        var bars = SyntheticBars.FromCloses("X", ConnorsRsi2StrategyTests.RisingThen(339, 349, 359));
        var signals = new Rsi2AndIbsStrategy().SignalsOverTime(bars);
        Assert.Equal(2, signals.Count);
        var rsiStrength = 1 - ((100 - (100 / 1.1)) / 100);
        Assert.Equal((rsiStrength + (1 - (0.5 / 11))) / 2, signals[0].Strength, 12);
        Assert.NotNull(signals[0].StopPrice);
        Assert.Equal((SignalReasons.ExitRsi, bars.Timestamps[252]), (signals[1].Reason, signals[1].TimestampUtcMs));

        // A drop that closes mid-range: RSI low but IBS not (bar 349 -> 345 with a deep low): no entry.
        var closes = ConnorsRsi2StrategyTests.RisingThen(339);
        var mid = SyntheticBars.FromCloses("X", closes);
        mid.Low[250] = 329;
        Assert.Empty(new Rsi2AndIbsStrategy().SignalsOverTime(mid));
        Assert.NotEmpty(new ConnorsRsi2Strategy().SignalsOverTime(mid));
    }
}
