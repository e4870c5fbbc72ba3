using Tessera.Core.Data;
using Tessera.Core.Metrics;
using Xunit;

namespace Tessera.Core.Tests.Metrics;

public sealed class RollingStatisticsTests
{
    [Fact]
    public void Monthly_returns_compound_from_month_end_to_month_end()
    {
        long D(int y, int m, int d) => BarSeries.ToUnixMs(new DateTime(y, m, d, 0, 0, 0, DateTimeKind.Utc));
        long[] ts = [D(2020, 1, 30), D(2020, 1, 31), D(2020, 2, 3), D(2020, 2, 28), D(2020, 3, 2)];
        double[] equity = [101, 102, 100, 91.8, 110.16];
        var months = RollingStatistics.Monthly(ts, equity, 100);
        Assert.Equal(3, months.Count);
        Assert.Equal(new MonthlyReturn(2020, 1, (102 / 100.0) - 1), months[0]);
        Assert.Equal(-0.1, months[1].Return, 12);
        Assert.Equal(0.2, months[2].Return, 12);
    }

    [Fact]
    public void Rolling_sharpe_equals_the_sharpe_of_each_window()
    {
        double[] r = [0.01, -0.02, 0.015, 0.003, -0.007, 0.02, 0.0, -0.01];
        var rolling = RollingStatistics.RollingSharpe(r, 4);
        for (var t = 0; t < 3; t++)
        {
            Assert.True(double.IsNaN(rolling[t]));
        }

        for (var t = 3; t < r.Length; t++)
        {
            Assert.Equal(PerformanceMetrics.Sharpe(r.AsSpan(t - 3, 4)), rolling[t], 9);
        }
    }
}
