using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class HierarchicalEqualRiskAllocatorTests
{
    // Blocks {a,b,c} (corr 0.6) and {d,e} (corr 0.4), independent across.
    private static CovarianceMatrix Blocks()
    {
        double[] vol = [0.1, 0.2, 0.3, 0.15, 0.25];
        var v = new double[25];
        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 5; j++)
            {
                var rho = i == j ? 1.0 : (i < 3 && j < 3 ? 0.6 : (i >= 3 && j >= 3 ? 0.4 : 0.0));
                v[(i * 5) + j] = rho * vol[i] * vol[j];
            }
        }

        return new CovarianceMatrix(5, v);
    }

    private static double IvpVariance(CovarianceMatrix c, int[] m)
    {
        var inv = m.Select(i => 1 / c[i, i]).ToArray();
        var s = inv.Sum();
        var w = inv.Select(x => x / s).ToArray();
        var v = 0.0;
        for (var a = 0; a < m.Length; a++)
        {
            for (var b = 0; b < m.Length; b++)
            {
                v += w[a] * w[b] * c[m[a], m[b]];
            }
        }

        return v;
    }

    [Fact]
    public void Two_clusters_split_by_cluster_risk_and_inverse_variance_inside()
    {
        // Raffinot 2018 with K = 2: the top split is {a,b,c} vs {d,e}; alpha = 1 - V_1/(V_1 + V_2), IVP inside.
        var cov = Blocks();
        var w = new HierarchicalEqualRiskAllocator { ClusterCount = 2 }.Allocate(new AllocationProblem { AssetIds = ["a", "b", "c", "d", "e"], Covariance = cov }).Weights;
        var v1 = IvpVariance(cov, [0, 1, 2]);
        var v2 = IvpVariance(cov, [3, 4]);
        var alpha = 1 - (v1 / (v1 + v2));
        var inv1 = new[] { 100.0, 25, 1 / 0.09 };
        var inv2 = new[] { 1 / 0.0225, 1 / 0.0625 };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(alpha * inv1[i] / inv1.Sum(), w[i], 14);
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal((1 - alpha) * inv2[i] / inv2.Sum(), w[3 + i], 14);
        }
    }

    [Fact]
    public void One_cluster_is_the_inverse_variance_portfolio()
    {
        var cov = Blocks();
        var w = new HierarchicalEqualRiskAllocator { ClusterCount = 1 }.Allocate(new AllocationProblem { AssetIds = ["a", "b", "c", "d", "e"], Covariance = cov }).Weights;
        var inv = Enumerable.Range(0, 5).Select(i => 1 / cov[i, i]).ToArray();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(inv[i] / inv.Sum(), w[i], 14);
        }
    }

    [Fact]
    public void Gap_statistic_chooses_K_from_returns_and_records_it()
    {
        var returns = PortfolioTestData.FactorReturns(12, 250, 101);
        var result = new HierarchicalEqualRiskAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Ids(12), Returns = returns });
        Assert.Contains(result.Diagnostics, d => d.Contains("gap statistic", StringComparison.Ordinal));
        Assert.Equal(1.0, result.Weights.Sum(), 12);
    }

    [Fact]
    public void Invariant_to_permuting_the_asset_order()
    {
        var n = 25;
        var cov = PortfolioTestData.FactorCovariance(n, 102);
        var ids = PortfolioTestData.Ids(n);
        var perm = PortfolioTestData.Shuffle(n, 103);
        var engine = new HierarchicalEqualRiskAllocator { ClusterCount = 4 };
        var a = engine.Allocate(new AllocationProblem { AssetIds = ids, Covariance = cov }).Weights;
        var b = engine.Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Permute(ids, perm), Covariance = PortfolioTestData.Permute(cov, perm) }).Weights;
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(a[perm[i]], b[i], 13);
        }
    }
}
