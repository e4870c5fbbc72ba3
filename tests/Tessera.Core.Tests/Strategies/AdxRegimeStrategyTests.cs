using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

public class AdxRegimeStrategyTests
{
    [Fact]
    public void Uptrend_enters_long_at_the_first_adx_value_and_a_downtrend_flips_short()
    {
        // Steady +1 closes: +DM = 1, -DM = 0 -> ADX = 100 from index 2n-1 = 27.
        var closes = Enumerable.Range(0, 60).Select(i => 100.0 + i).ToList();
        for (var i = 0; i < 60; i++)
        {
            closes.Add(closes[^1] - 1);
        }

        var bars = SyntheticBars.FromCloses("X", closes);
        var signals = new AdxRegimeStrategy().SignalsOverTime(bars);
        Assert.Equal((Side.Long, SignalReasons.Entry, bars.Timestamps[27]), (signals[0].Side, signals[0].Reason, signals[0].TimestampUtcMs));
        Assert.Equal(1.0, signals[0].Strength, 12);
        Assert.Equal(SignalReasons.ExitRegime, signals[1].Reason);
        var shortEntry = signals.First(s => s.Side == Side.Short);
        Assert.True(shortEntry.TimestampUtcMs >= signals[1].TimestampUtcMs);
        Assert.InRange(shortEntry.Strength, -1.0, -0.25);
    }
}
