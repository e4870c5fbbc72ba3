using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class HierarchicalRiskParityAllocatorTests
{
    [Fact]
    public void Two_assets_give_inverse_variance_weights()
    {
        // Lopez de Prado 2016: with two assets the single bisection gives alpha = 1 - v1/(v1 + v2) = v2/(v1 + v2).
        var cov = new CovarianceMatrix(2, [0.04, 0.01, 0.01, 0.09]);
        var w = new HierarchicalRiskParityAllocator().Allocate(new AllocationProblem { AssetIds = ["a", "b"], Covariance = cov }).Weights;
        Assert.Equal(0.09 / 0.13, w[0], 14);
        Assert.Equal(0.04 / 0.13, w[1], 14);
    }

    [Fact]
    public void Block_diagonal_covariance_matches_the_hand_computed_bisection()
    {
        // Blocks {a,b} and {c,d}, correlation 0.5 inside, 0 across; vols 0.2, 0.3, 0.1, 0.4.
        // Single linkage: (a,b) and (c,d) at d = 0.5, then the blocks at sqrt(0.5): order a, b, c, d.
        // Left IVP (9/13, 4/13): V_L = (81*0.04 + 16*0.09 + 2*36*0.03)/169 = 6.84/169.
        // Right IVP (16/17, 1/17): V_R = (256*0.01 + 0.16 + 2*16*0.02)/289 = 3.36/289.
        // alpha = 1 - V_L/(V_L + V_R); then each pair splits by inverse variance.
        var cov = new CovarianceMatrix(4,
        [
            0.04, 0.03, 0, 0,
            0.03, 0.09, 0, 0,
            0, 0, 0.01, 0.02,
            0, 0, 0.02, 0.16,
        ]);
        var w = new HierarchicalRiskParityAllocator().Allocate(new AllocationProblem { AssetIds = ["a", "b", "c", "d"], Covariance = cov }).Weights;
        var vl = 6.84 / 169;
        var vr = 3.36 / 289;
        var alpha = 1 - (vl / (vl + vr));
        Assert.Equal(alpha * 9 / 13, w[0], 14);
        Assert.Equal(alpha * 4 / 13, w[1], 14);
        Assert.Equal((1 - alpha) * 16 / 17, w[2], 14);
        Assert.Equal((1 - alpha) / 17, w[3], 14);
    }

    [Fact]
    public void Invariant_to_permuting_the_asset_order()
    {
        var n = 25;
        var cov = PortfolioTestData.FactorCovariance(n, 91);
        var ids = PortfolioTestData.Ids(n);
        var perm = PortfolioTestData.Shuffle(n, 92);
        var a = new HierarchicalRiskParityAllocator().Allocate(new AllocationProblem { AssetIds = ids, Covariance = cov }).Weights;
        var b = new HierarchicalRiskParityAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Permute(ids, perm), Covariance = PortfolioTestData.Permute(cov, perm) }).Weights;
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(a[perm[i]], b[i], 13);
        }
    }

    [Fact]
    public void Group_caps_and_beta_band_hold_after_projection()
    {
        var n = 10;
        var cov = PortfolioTestData.FactorCovariance(n, 93);
        var betas = Enumerable.Range(0, n).Select(i => 0.1 * i).ToArray();
        var problem = new AllocationProblem
        {
            AssetIds = PortfolioTestData.Ids(n),
            Covariance = cov,
            Betas = betas,
            Constraints = new AllocationConstraints
            {
                AssetGroups = Enumerable.Range(0, n).Select(i => i < 3 ? "x" : null).ToArray(),
                GroupCaps = new Dictionary<string, double>(StringComparer.Ordinal) { ["x"] = 0.1 },
                BetaBand = 0.3,
            },
        };
        var result = new HierarchicalRiskParityAllocator().Allocate(problem);
        Assert.True(result.Weights.Take(3).Sum() <= 0.1 + 1e-9);
        Assert.InRange(result.BetaExposure!.Value, -0.3 - 1e-9, 0.3 + 1e-9);
        Assert.Equal(1.0, result.Weights.Sum(), 9);
    }
}
