using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class CapacityCapsTests
{
    [Fact]
    public void Caps_are_a_fraction_of_ADV_over_capital_and_bind_in_the_allocation()
    {
        // 1% of 2e6 ADV on 1e5 capital = 0.2; of 1e7 = 1.0.
        var caps = CapacityCaps.FromAverageDollarVolume([2e6, 1e7, 1e7], 1e5);
        Assert.Equal([0.2, 1.0, 1.0], caps);
        var problem = new AllocationProblem { AssetIds = ["a", "b", "c"], Covariance = PortfolioTestData.FactorCovariance(3, 5), Constraints = new AllocationConstraints { CapacityCaps = caps } };
        var w = new EqualWeightAllocator().Allocate(problem).Weights;
        Assert.Equal(0.2, w[0], 9);
        Assert.Equal(0.4, w[1], 9);
    }

    [Fact]
    public void Bad_capital_or_ADV_is_rejected()
    {
        Assert.Throws<TesseraValidationException>(() => CapacityCaps.FromAverageDollarVolume([1e6], 0));
        Assert.Throws<TesseraValidationException>(() => CapacityCaps.FromAverageDollarVolume([double.NaN], 1e6));
    }
}
