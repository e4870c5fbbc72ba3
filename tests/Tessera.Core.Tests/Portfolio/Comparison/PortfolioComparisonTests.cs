using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Comparison;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Comparison;

/// <summary>Indian-equities seed (001, pipeline B "Portfolio Compare (W6)": EW vs LW-GMV with --lookback --rebalance --cost-bps and capacity caps).</summary>
public sealed class PortfolioComparisonTests
{
    private static readonly string[] Assets = ["A", "B"];
    private static readonly double[] A = [0.01, 0.02, -0.01, 0.03, 0.00, 0.01];
    private static readonly double[] B = [0.00, -0.01, 0.02, 0.01, 0.01, -0.02];

    [Fact]
    public void Seed001_equal_weight_drifts_between_rebalances_and_pays_cost_bps_on_turnover()
    {
        var result = PortfolioComparison.Run(Assets, [A, B], new ComparisonSettings(LookbackDays: 2, RebalanceDays: 2, CostBps: 10));
        var ew = result.Strategies[0];
        Assert.Equal(PortfolioComparison.EqualWeight, ew.Name);
        Assert.Equal(2, result.FirstTradedRow);

        // Row 2: buy 50/50 from cash (turnover 1, cost 10 bps); gross 0.5(-0.01) + 0.5(0.02) = 0.005.
        // Row 3: drifted weights 0.5(0.99)/1.005 and 0.5(1.02)/1.005; r = (0.5 x 0.99 x 0.03 + 0.5 x 1.02 x 0.01) / 1.005.
        // Row 4: values 0.5 x 0.99 x 1.03 = 0.50985 and 0.5 x 1.02 x 1.01 = 0.5151 (sum 1.02495) rebalanced to 50/50.
        // Row 5: drifted 0.5/1.005 and 0.5(1.01)/1.005; r = (0.5 x 0.01 - 0.505 x 0.02) / 1.005.
        var turnover4 = Math.Abs(0.5 - (0.50985 / 1.02495)) + Math.Abs(0.5 - (0.5151 / 1.02495));
        double[] expected = [0.005 - 0.001, 0.01995 / 1.005, 0.005 - (0.001 * turnover4), -0.0051 / 1.005];
        Assert.Equal(expected.Length, ew.Returns.Length);
        for (var t = 0; t < expected.Length; t++)
        {
            Assert.Equal(expected[t], ew.Returns[t], 15);
        }

        Assert.Equal(2, ew.Rebalances);
        Assert.Equal((1 + turnover4) / 2, ew.AverageTurnover, 15);
        Assert.Equal(0.001 * (1 + turnover4), ew.CostDrag, 15);
        Assert.Equal((1.004 * (1 + (0.01995 / 1.005)) * (1.005 - (0.001 * turnover4)) * (1 - (0.0051 / 1.005))) - 1, ew.TotalReturn, 14);
        Assert.True(double.IsNaN(ew.MaxCapacityUse));
    }

    [Fact]
    public void Seed001_zero_cost_removes_exactly_the_cost_on_rebalance_rows()
    {
        var free = PortfolioComparison.Run(Assets, [A, B], new ComparisonSettings(2, 2, 0));
        var paid = PortfolioComparison.Run(Assets, [A, B], new ComparisonSettings(2, 2, 25));
        foreach (var k in new[] { 0, 1 })
        {
            Assert.Equal(0, free.Strategies[k].CostDrag);
            Assert.Equal(25e-4 * free.Strategies[k].AverageTurnover * 2, paid.Strategies[k].CostDrag, 15);
            Assert.Equal(free.Strategies[k].Returns[1], paid.Strategies[k].Returns[1], 15); // a drift row pays nothing
        }
    }

    [Fact]
    public void Seed001_capacity_caps_bind_both_strategies()
    {
        // Caps 0.3 / 0.9: EW's 50/50 is projected to 0.3 / 0.7 (cap and redistribute), so row 2 earns
        // 0.3(-0.01) + 0.7(0.02) - 0.001 = 0.010, and A uses its whole cap.
        var result = PortfolioComparison.Run(Assets, [A, B], new ComparisonSettings(2, 2, 10, null, [0.3, 0.9]));
        Assert.Equal(0.010, result.Strategies[0].Returns[0], 12);
        Assert.Equal(1.0, result.Strategies[0].MaxCapacityUse, 9);
        var gmv = result.Strategies[1];
        Assert.Equal(PortfolioComparison.LedoitWolfGmv, gmv.Name);
        Assert.True(gmv.LastTargetWeights[0] <= 0.3 + 1e-9 && gmv.LastTargetWeights[1] <= 0.9 + 1e-9);
        Assert.Equal(1.0, gmv.LastTargetWeights.Sum(), 9);
        Assert.True(gmv.MaxCapacityUse <= 1 + 1e-9);
    }

    [Fact]
    public void Bad_settings_are_typed_errors_naming_the_field()
    {
        Assert.Equal("lookback", Assert.Throws<TesseraValidationException>(() => PortfolioComparison.Run(Assets, [A, B], new ComparisonSettings(6, 2, 10))).Field);
        Assert.Equal("cost_bps", Assert.Throws<TesseraValidationException>(() => PortfolioComparison.Run(Assets, [A, B], new ComparisonSettings(2, 2, -1))).Field);
        Assert.Equal("rebalance", Assert.Throws<TesseraValidationException>(() => PortfolioComparison.Run(Assets, [A, B], new ComparisonSettings(2, 0, 10))).Field);
        Assert.Equal("capacity_caps", Assert.Throws<TesseraValidationException>(() => PortfolioComparison.Run(Assets, [A, B], new ComparisonSettings(2, 2, 10, null, [0.5]))).Field);
    }
}
