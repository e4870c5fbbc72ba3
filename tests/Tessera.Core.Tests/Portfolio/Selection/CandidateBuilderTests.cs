using Tessera.Core.Data;
using Tessera.Core.Portfolio.Selection;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Selection;

public sealed class CandidateBuilderTests
{
    [Fact]
    public void Aligns_returns_on_the_union_calendar_with_NaN_for_missing_bars()
    {
        const long day = 86_400_000;
        var a = new BarSeries("A", [0, day, 2 * day, 3 * day], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [10, 11, 12, 6], [100, 100, 100, 100]);
        var b = new BarSeries("B", [0, 3 * day], [1, 1], [1, 1], [1, 1], [20, 30], [5, 5]);
        var c = CandidateBuilder.FromBars([b, a], [Side.Long, Side.Short], lookback: 2, skip: 0);
        Assert.Equal(["A:LONG", "A:SHORT", "B:LONG", "B:SHORT"], c.Select(x => x.Key));
        Assert.Equal([(11.0 / 10) - 1, (12.0 / 11) - 1, (6.0 / 12) - 1], c[0].Returns);
        Assert.True(double.IsNaN(c[2].Returns[0]) && double.IsNaN(c[2].Returns[1]));
        Assert.Equal(0.5, c[2].Returns[2]);

        // ADV$ over the last (up to) 20 bars: A = mean(close * volume) = (10 + 11 + 12 + 6) * 100 / 4.
        Assert.Equal(975.0, c[0].AverageDollarVolume, 12);

        // Momentum over the last 2 observed returns, skip 0: (1 + 12/11 - 1)(1 - 0.5) - 1.
        Assert.Equal(((12.0 / 11) * 0.5) - 1, c[0].Factors["alpha"], 14);
        Assert.Same(c[0].Factors, c[1].Factors);
    }
}
