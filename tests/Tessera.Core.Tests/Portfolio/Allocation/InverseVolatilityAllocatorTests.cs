using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class InverseVolatilityAllocatorTests
{
    [Fact]
    public void Weights_are_proportional_to_inverse_volatility_hand_computed()
    {
        // Vols 0.1, 0.2, 0.4 -> 1/vol = 10, 5, 2.5 -> weights 4/7, 2/7, 1/7 (correlations do not matter).
        var cov = new CovarianceMatrix(3, [0.01, 0.004, 0, 0.004, 0.04, 0.01, 0, 0.01, 0.16]);
        var result = new InverseVolatilityAllocator().Allocate(new AllocationProblem { AssetIds = ["a", "b", "c"], Covariance = cov });
        Assert.Equal(4.0 / 7, result.Weights[0], 14);
        Assert.Equal(2.0 / 7, result.Weights[1], 14);
        Assert.Equal(1.0 / 7, result.Weights[2], 14);
    }

    [Fact]
    public void Cap_redistributes_excess_proportionally()
    {
        // Target 4/7, 2/7, 1/7 with cap 0.5: asset a at 0.5, b and c share 0.5 in ratio 2:1.
        var cov = new CovarianceMatrix(3, [0.01, 0, 0, 0, 0.04, 0, 0, 0, 0.16]);
        var w = new InverseVolatilityAllocator().Allocate(new AllocationProblem { AssetIds = ["a", "b", "c"], Covariance = cov, Constraints = new AllocationConstraints { MaxWeight = 0.5 } }).Weights;
        Assert.Equal(0.5, w[0], 9);
        Assert.Equal(1.0 / 3, w[1], 9);
        Assert.Equal(1.0 / 6, w[2], 9);
    }

    [Fact]
    public void Invariant_to_permuting_the_asset_order()
    {
        var cov = PortfolioTestData.FactorCovariance(12, 8);
        var ids = PortfolioTestData.Ids(12);
        var perm = PortfolioTestData.Shuffle(12, 9);
        var a = new InverseVolatilityAllocator().Allocate(new AllocationProblem { AssetIds = ids, Covariance = cov }).Weights;
        var b = new InverseVolatilityAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Permute(ids, perm), Covariance = PortfolioTestData.Permute(cov, perm) }).Weights;
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(a[perm[i]], b[i], 14);
        }
    }
}
