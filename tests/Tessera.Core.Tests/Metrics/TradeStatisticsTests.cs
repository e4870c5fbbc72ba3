using Tessera.Core.Backtest;
using Tessera.Core.Metrics;
using Xunit;

namespace Tessera.Core.Tests.Metrics;

public sealed class TradeStatisticsTests
{
    private static Trade T(double pnl, int holding) => new("X", Side.Long, 0, 0, 10, 10 + holding, 1, 100, 100 + pnl, 0, pnl, "exit");

    [Fact]
    public void Hand_derived_trade_statistics()
    {
        // Wins 100, 30 (sum 130); losses -50, 0, -20 (sum -70); a zero trade counts as a loss.
        var s = TradeStatistics.From([T(100, 2), T(-50, 4), T(30, 1), T(0, 3), T(-20, 5)]);
        Assert.Equal(5, s.TradeCount);
        Assert.Equal(0.4, s.WinRate, 14);
        Assert.Equal(65, s.AverageWin, 14);
        Assert.Equal(-70.0 / 3, s.AverageLoss, 12);
        Assert.Equal(130.0 / 70, s.ProfitFactor, 12);
        Assert.Equal(12, s.Expectancy, 12);
        Assert.Equal((s.WinRate * s.AverageWin) + ((1 - s.WinRate) * s.AverageLoss), s.Expectancy, 12);
        Assert.Equal(3, s.AverageHoldingBars, 14);
    }

    [Fact]
    public void No_losses_gives_infinite_profit_factor_and_no_trades_gives_zeros()
    {
        Assert.Equal(double.PositiveInfinity, TradeStatistics.From([T(5, 1)]).ProfitFactor);
        var empty = TradeStatistics.From([]);
        Assert.Equal(0, empty.TradeCount);
        Assert.Equal(0, empty.ProfitFactor);
    }
}
