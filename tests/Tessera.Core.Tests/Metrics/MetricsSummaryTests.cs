using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Metrics;
using Tessera.Core.Tests.Backtest;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Metrics;

public sealed class MetricsSummaryTests
{
    [Fact]
    public void Summary_of_a_hand_built_run()
    {
        // 50 shares bought at open(1) = 102, sold at open(3) = 107; bars 0..4. Equity 10000, 10100, 10250, 10250, 10250.
        var data = new MarketData([Series("A", (100, 101, 99, 100), (102, 105, 101, 104), (106, 108, 104, 107), (107, 109, 106, 108), (108, 109, 107, 108))]);
        var r = EventBacktestEngine.Run(data, [Long("A", 0), Exit("A", 2)], new BacktestOptions { InitialCash = 10_000, Sizer = new FixedFractionSizer(0.5) });
        var m = MetricsSummary.From(r);
        Assert.Equal(5, m.Bars);
        Assert.Equal(0.025, m.TotalReturn, 12);
        Assert.Equal(1, m.TradeCount);
        Assert.Equal(1, m.WinRate);
        Assert.Equal(250, m.Expectancy, 12);
        Assert.Equal(2, m.AverageHoldingBars);

        // Positions open at the closes of bars 1 and 2: exposure 2/5.
        Assert.Equal(0.4, m.Exposure, 12);

        // Fill notional 50 * 102 + 50 * 107 = 10450 over mean equity (10000 + 10100 + 3 * 10250) / 5 = 10170, annualized by 252 / 5.
        Assert.Equal(10_450.0 / 10_170 * 252 / 5, m.Turnover, 10);
        Assert.Equal(0, m.MaxDrawdown);
        Assert.Equal(PerformanceMetrics.Sharpe(r.Returns()), m.Sharpe, 14);
        Assert.Equal(19, m.AsPairs().Count);
    }
}
