using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class L4InvariantsTests
{
    [Fact]
    public void Round_off_negatives_become_zero()
    {
        var w = new[] { 0.5, -1e-13, 0.5 };
        L4Invariants.Enforce("t", ["a", "b", "c"], w);
        Assert.Equal(0.0, w[1]);
    }

    [Fact]
    public void Real_negative_weight_is_rejected()
    {
        var ex = Assert.Throws<PortfolioInvariantException>(() => L4Invariants.Enforce("t", ["a", "b"], [1.1, -0.1]));
        Assert.Equal("weights[b]", ex.Field);
    }

    [Fact]
    public void Sum_above_one_point_zero_five_is_rejected_and_at_the_limit_accepted()
    {
        Assert.Throws<PortfolioInvariantException>(() => L4Invariants.Enforce("t", ["a", "b"], [0.6, 0.46]));
        L4Invariants.Enforce("t", ["a", "b"], [0.6, 0.45]);
    }

    [Fact]
    public void Non_finite_weight_is_rejected()
    {
        Assert.Throws<PortfolioInvariantException>(() => L4Invariants.Enforce("t", ["a"], [double.NaN]));
    }
}
