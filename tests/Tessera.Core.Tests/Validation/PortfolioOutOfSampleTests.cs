using Tessera.Core.Backtest;
using Tessera.Core.Errors;
using Tessera.Core.Reports;
using Tessera.Core.Validation;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Validation;

public sealed class PortfolioOutOfSampleTests
{
    [Fact]
    public void Scores_only_the_bars_after_the_choice()
    {
        // A doubles between bar 3 and bar 4 (after the choice at bar 2); B is flat. 60/40 bought at open(3) = 100.
        var a = Series("A", (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100), (200, 200, 200, 200));
        var data = new MarketData([a, Flat("B", 5, 50)]);
        var r = PortfolioOutOfSample.Evaluate(data, [0.6, 0.4], 2, new WeightsBacktestOptions { InitialCash = 10_000, RebalanceEvery = 100 });
        Assert.Equal(3, r.Metrics.Bars);
        Assert.Equal(10_000 + 6_000, r.Metrics.FinalEquity, 9);
        Assert.Equal(0.6, r.Metrics.TotalReturn, 12);
        Assert.Contains(r.TearSheet.Validation, p => p.Key == "psr_vs_zero");
        Assert.Contains("<td>A</td><td>0.6</td>", TearSheet.Render(r.TearSheet), StringComparison.Ordinal);
        Assert.Throws<TesseraValidationException>(() => PortfolioOutOfSample.Evaluate(data, [0.6, 0.4], 3, new WeightsBacktestOptions()));
    }
}
