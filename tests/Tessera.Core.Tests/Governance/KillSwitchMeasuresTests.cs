using Tessera.Core.Governance;
using Xunit;

namespace Tessera.Core.Tests.Governance;

/// <summary>The kill switch's order-path arithmetic: slippage in bps over fills, the de-risk quantity. Values worked by hand.</summary>
public sealed class KillSwitchMeasuresTests
{
    [Fact]
    public void Slippage_is_the_reference_notional_weighted_cost_in_bps()
    {
        // Buy 10 @ 5.01 against 5.00: cost 0.10 on 50.00. Sell 4 @ 99.90 against 100.00: cost 0.40 on 400.00.
        // (0.10 + 0.40) / (50 + 400) × 10,000 = 11.111… bps.
        var bps = KillSwitchMeasures.SlippageBps([1, -1], [10, 4], [5.01, 99.90], [5.00, 100.00]);
        Assert.Equal(0.5 / 450 * 10_000, bps!.Value, 9);
    }

    [Fact]
    public void Price_improvement_is_negative_and_no_fill_is_no_reading()
    {
        Assert.Equal(-20.0, KillSwitchMeasures.SlippageBps([1], [10], [4.99], [5.00])!.Value, 9);
        Assert.Equal(20.0, KillSwitchMeasures.SlippageBps([-1], [10], [4.99], [5.00])!.Value, 9);
        Assert.Null(KillSwitchMeasures.SlippageBps([], [], [], []));
    }

    [Fact]
    public void Bad_fills_are_refused()
    {
        Assert.Throws<ArgumentException>(() => KillSwitchMeasures.SlippageBps([1], [1, 2], [1], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => KillSwitchMeasures.SlippageBps([0], [1], [1], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => KillSwitchMeasures.SlippageBps([1], [1], [double.NaN], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => KillSwitchMeasures.SlippageBps([1], [1], [1], [0]));
    }

    [Theory]
    [InlineData(99, 0.50, false, 49)] // 49.5 rounded down
    [InlineData(-7, 0.25, false, 1)] // a short of 7: cover 1 (1.75 down)
    [InlineData(3, 0.25, false, 0)] // too small to cut
    [InlineData(3, 0.25, true, 0.75)]
    [InlineData(1.5, 0.3, true, 0.45)]
    public void De_risk_quantity_rounds_down_never_cutting_more_than_asked(double position, double fraction, bool fractional, double expected) =>
        Assert.Equal((decimal)expected, KillSwitchMeasures.DeRiskQuantity((decimal)position, fraction, fractional));

    [Fact]
    public void A_de_risk_fraction_outside_25_to_50_percent_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KillSwitchMeasures.DeRiskQuantity(10, 0.6, false));
}
