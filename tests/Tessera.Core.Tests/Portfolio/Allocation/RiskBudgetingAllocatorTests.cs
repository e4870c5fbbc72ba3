using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class RiskBudgetingAllocatorTests
{
    [Fact]
    public void Risk_contributions_are_equal_within_1e_9()
    {
        var n = 50;
        var cov = PortfolioTestData.FactorCovariance(n, 81);
        var result = new RiskBudgetingAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Ids(n), Covariance = cov });
        Assert.Equal(1.0, result.Weights.Sum(), 12);

        // Recompute the contributions independently of the result object.
        var sw = new double[n];
        cov.Multiply(result.Weights, sw);
        var variance = result.Weights.Zip(sw, (a, b) => a * b).Sum();
        for (var i = 0; i < n; i++)
        {
            Assert.True(Math.Abs((result.Weights[i] * sw[i] / variance) - (1.0 / n)) < 1e-9, $"RC_{i}");
        }
    }

    [Fact]
    public void Two_assets_give_inverse_volatility_weights_for_any_correlation()
    {
        // With two assets ERC solves w1 s1 = w2 s2 (hand derivation: RC_1 = RC_2 reduces to w1^2 s1^2 = w2^2 s2^2).
        var cov = new CovarianceMatrix(2, [0.04, 0.042, 0.042, 0.09]);
        var w = new RiskBudgetingAllocator().Allocate(new AllocationProblem { AssetIds = ["a", "b"], Covariance = cov }).Weights;
        Assert.Equal(0.6, w[0], 12);
        Assert.Equal(0.4, w[1], 12);
    }

    [Fact]
    public void Risk_budgets_are_met()
    {
        var n = 10;
        var cov = PortfolioTestData.FactorCovariance(n, 82);
        var budgets = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        var result = new RiskBudgetingAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Ids(n), Covariance = cov, RiskBudgets = budgets });
        for (var i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(result.RiskContributions[i] - ((i + 1) / 55.0)) < 1e-9);
        }
    }

    [Fact]
    public void Invariant_to_permuting_the_asset_order()
    {
        var n = 20;
        var cov = PortfolioTestData.FactorCovariance(n, 83);
        var ids = PortfolioTestData.Ids(n);
        var perm = PortfolioTestData.Shuffle(n, 84);
        var a = new RiskBudgetingAllocator().Allocate(new AllocationProblem { AssetIds = ids, Covariance = cov }).Weights;
        var b = new RiskBudgetingAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Permute(ids, perm), Covariance = PortfolioTestData.Permute(cov, perm) }).Weights;
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(a[perm[i]], b[i], 11);
        }
    }

    [Fact]
    public void Caps_are_enforced_and_the_deviation_is_recorded()
    {
        var cov = new CovarianceMatrix(3, [0.01, 0, 0, 0, 0.04, 0, 0, 0, 0.16]);
        var result = new RiskBudgetingAllocator().Allocate(new AllocationProblem { AssetIds = ["a", "b", "c"], Covariance = cov, Constraints = new AllocationConstraints { MaxWeight = 0.5 } });
        Assert.True(result.Weights[0] <= 0.5 + 1e-12);
        Assert.Contains(result.Diagnostics, d => d.Contains("deviate", StringComparison.Ordinal));
    }
}

public sealed class RiskBudgetingPublishedExampleTests
{
    [Fact]
    public void Constant_correlation_gives_inverse_volatility_weights_as_proved_by_Maillard_Roncalli_Teiletche()
    {
        // MRT 2010 section "constant correlation": x_i = sigma_i^-1 / sum_j sigma_j^-1 for any common rho > -1/(n-1).
        double[] vol = [0.1, 0.2, 0.3, 0.4, 0.25];
        var v = new double[25];
        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 5; j++)
            {
                v[(i * 5) + j] = (i == j ? 1.0 : 0.35) * vol[i] * vol[j];
            }
        }

        var w = new RiskBudgetingAllocator().Allocate(new AllocationProblem { AssetIds = ["a", "b", "c", "d", "e"], Covariance = new CovarianceMatrix(5, v) }).Weights;
        var inv = vol.Select(s => 1 / s).ToArray();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(inv[i] / inv.Sum(), w[i], 12);
        }
    }
}
