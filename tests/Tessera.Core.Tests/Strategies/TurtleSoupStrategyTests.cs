using Tessera.Core.Data;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

public class TurtleSoupStrategyTests
{
    // Closes at 100 (lows 99.5) with one dip to 98 at bar `dip`: the bars dip and dip+1 both have low 97.5,
    // so the 20-bar low is made (latest occurrence) at dip+1. Bar 25 sweeps it: low 96, close back at 99.
    private static BarSeries Sweep(int dip, int bars = 32)
    {
        var closes = Enumerable.Repeat(100.0, bars).ToList();
        closes[dip] = 98;
        var s = SyntheticBars.FromCloses("X", closes);
        s.Open[25] = 100;
        s.High[25] = 100.5;
        s.Low[25] = 96;
        s.Close[25] = 99;
        s.Open[26] = 99;
        s.Low[26] = 98.5;
        return s;
    }

    [Fact]
    public void Reversal_entry_after_a_false_breakout_of_an_old_low()
    {
        // Prior low made at bar 11, 14 bars before 25 (>= 4): long, stop just beyond the new extreme 96.
        var bars = Sweep(10);
        var signals = new TurtleSoupStrategy().SignalsOverTime(bars);
        Assert.Equal(2, signals.Count);
        Assert.Equal((Side.Long, SignalReasons.Entry, bars.Timestamps[25]), (signals[0].Side, signals[0].Reason, signals[0].TimestampUtcMs));
        Assert.Equal(95.99, signals[0].StopPrice!.Value, 12);
        Assert.True(signals[0].Strength > 0);
        Assert.Equal((SignalReasons.ExitTime, bars.Timestamps[30]), (signals[1].Reason, signals[1].TimestampUtcMs));
    }

    [Fact]
    public void No_entry_when_the_extreme_is_too_recent_or_the_breakout_holds()
    {
        // Prior low at bar 23: only 2 bars before the sweep.
        Assert.Empty(new TurtleSoupStrategy().SignalsOverTime(Sweep(22)));

        // Close stays below the old low: a real breakout, not a false one.
        var holds = Sweep(10);
        holds.Close[25] = 97;
        Assert.Empty(new TurtleSoupStrategy().SignalsOverTime(holds));
    }
}
