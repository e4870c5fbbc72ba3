using Tessera.Core.Metrics;
using Xunit;

namespace Tessera.Core.Tests.Metrics;

public sealed class DrawdownTests
{
    [Fact]
    public void Max_drawdown_and_longest_duration_hand_derived()
    {
        // Peaks at 1 (110) and 5 (120). 110 -> 99 recovers to 110 at bar 4 (3 bars); 120 -> 90 recovers at bar 7 (2 bars).
        double[] equity = [100, 110, 99, 105, 110, 120, 90, 130];
        var s = Drawdown.Analyze(equity);
        Assert.Equal(0.25, s.MaxDrawdown, 14);
        Assert.Equal(5, s.MaxDrawdownPeakIndex);
        Assert.Equal(6, s.MaxDrawdownTroughIndex);
        Assert.Equal(3, s.LongestDrawdownBars);
    }

    [Fact]
    public void An_unrecovered_drawdown_lasts_to_the_last_bar()
    {
        double[] equity = [100, 101, 102, 90, 95, 96, 97];
        var s = Drawdown.Analyze(equity);
        Assert.Equal(1 - (90.0 / 102), s.MaxDrawdown, 14);
        Assert.Equal(4, s.LongestDrawdownBars);
    }

    [Fact]
    public void Rising_equity_has_no_drawdown()
    {
        var s = Drawdown.Analyze([1, 2, 3, 4]);
        Assert.Equal(0, s.MaxDrawdown);
        Assert.Equal(0, s.LongestDrawdownBars);
        Assert.Equal([0, 0, 0, 0], Drawdown.Series([1, 2, 3, 4]));
    }

    [Fact]
    public void Drawdown_series_is_distance_below_running_peak()
    {
        var dd = Drawdown.Series([100, 80, 120, 60]);
        double[] expected = [0, 0.2, 0, 0.5];
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], dd[i], 14);
        }
    }
}
