using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class MaximumSharpeAllocatorTests
{
    [Fact]
    public void Equals_the_closed_form_tangency_portfolio_when_no_constraint_binds()
    {
        // Tangency: w = S^-1 (mu - rf) / 1'S^-1 (mu - rf). S = diag(0.04, 0.09) + 0.006 off-diagonal,
        // mu - rf = (0.05, 0.06): S^-1 (mu - rf) = (0.09*0.05 - 0.006*0.06, 0.04*0.06 - 0.006*0.05)/det
        // = (0.00414, 0.0021)/det -> w = (0.00414, 0.0021)/0.00624 (hand-computed).
        var cov = new CovarianceMatrix(2, [0.04, 0.006, 0.006, 0.09]);
        var result = new MaximumSharpeAllocator().Allocate(new AllocationProblem { AssetIds = ["a", "b"], Covariance = cov, ExpectedReturns = [0.07, 0.08], RiskFreeRate = 0.02 });
        Assert.Equal(0.00414 / 0.00624, result.Weights[0], 9);
        Assert.Equal(0.0021 / 0.00624, result.Weights[1], 9);
    }

    [Fact]
    public void Tangency_on_a_larger_random_problem_matches_the_linear_solve()
    {
        var n = 8;
        var cov = PortfolioTestData.FactorCovariance(n, 71);
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowMajor(n, n, cov.Values);

        // Choose mu so that the tangency direction is a known positive vector z: mu - rf = S z.
        var z = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(n, i => 1.0 + (0.1 * i));
        var excess = (m * z).ToArray();
        var result = new MaximumSharpeAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Ids(n), Covariance = cov, ExpectedReturns = excess, RiskFreeRate = 0 });
        var total = z.Sum();
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(z[i] / total, result.Weights[i], 8);
        }
    }

    [Fact]
    public void Every_expected_return_below_the_risk_free_rate_raises_a_typed_error_and_the_policy_falls_back_to_ERC()
    {
        var cov = PortfolioTestData.FactorCovariance(3, 72);
        var problem = new AllocationProblem { AssetIds = PortfolioTestData.Ids(3), Covariance = cov, ExpectedReturns = [0.01, 0.015, 0.02], RiskFreeRate = 0.02 };
        var ex = Assert.Throws<InfeasibleProblemException>(() => new MaximumSharpeAllocator().Allocate(problem));
        Assert.Contains("every expected return is at or below the risk-free rate", ex.Reason, StringComparison.Ordinal);

        var result = new AllocationPolicy().Allocate(new MaximumSharpeAllocator(), problem);
        Assert.Equal("erc", result.Method);
        Assert.Equal("maxsharpe", result.FallbackFrom);
        Assert.Contains("risk-free rate", result.FallbackReason!, StringComparison.Ordinal);
        Assert.Contains(result.Diagnostics, d => d.StartsWith("fallback: maxsharpe -> erc", StringComparison.Ordinal));
    }

    [Fact]
    public void Bounds_group_caps_and_beta_band_hold_at_the_optimum()
    {
        var n = 12;
        var cov = PortfolioTestData.FactorCovariance(n, 73);
        var mu = Enumerable.Range(0, n).Select(i => 0.0002 * (i + 1)).ToArray();
        var betas = Enumerable.Range(0, n).Select(i => 0.2 + (0.1 * i)).ToArray();
        var problem = new AllocationProblem
        {
            AssetIds = PortfolioTestData.Ids(n),
            Covariance = cov,
            ExpectedReturns = mu,
            Betas = betas,
            Constraints = new AllocationConstraints
            {
                MaxWeight = 0.25,
                AssetGroups = Enumerable.Range(0, n).Select(i => i >= 8 ? "top" : null).ToArray(),
                GroupCaps = new Dictionary<string, double>(StringComparer.Ordinal) { ["top"] = 0.4 },
                BetaBand = 0.8,
            },
        };
        var result = new MaximumSharpeAllocator().Allocate(problem);
        var w = result.Weights;
        Assert.Equal(1.0, w.Sum(), 9);
        Assert.All(w, x => Assert.InRange(x, -1e-12, 0.25 + 1e-9));
        Assert.True(w.Skip(8).Sum() <= 0.4 + 1e-9);
        Assert.InRange(result.BetaExposure!.Value, -0.8 - 1e-9, 0.8 + 1e-9);

        // Optimality spot check: no feasible pairwise shift of weight improves the Sharpe ratio.
        double Sharpe(double[] x)
        {
            var r = x.Zip(mu, (a, b) => a * b).Sum();
            return r / Math.Sqrt(cov.QuadraticForm(x));
        }

        var baseline = Sharpe(w);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var shifted = (double[])w.Clone();
                var step = Math.Min(1e-4, w[j]);
                shifted[i] += step;
                shifted[j] -= step;
                var feasible = shifted[i] <= 0.25 && shifted.Skip(8).Sum() <= 0.4 && Math.Abs(shifted.Zip(betas, (a, b) => a * b).Sum()) <= 0.8;
                if (feasible)
                {
                    Assert.True(Sharpe(shifted) <= baseline + 1e-9, $"shift {j}->{i} improves Sharpe");
                }
            }
        }
    }

    [Fact]
    public void Invariant_to_permuting_the_asset_order()
    {
        var n = 15;
        var cov = PortfolioTestData.FactorCovariance(n, 74);
        var mu = Enumerable.Range(0, n).Select(i => 0.0001 * ((i % 4) + 1)).ToArray();
        var ids = PortfolioTestData.Ids(n);
        var perm = PortfolioTestData.Shuffle(n, 75);
        var a = new MaximumSharpeAllocator().Allocate(new AllocationProblem { AssetIds = ids, Covariance = cov, ExpectedReturns = mu }).Weights;
        var b = new MaximumSharpeAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Permute(ids, perm), Covariance = PortfolioTestData.Permute(cov, perm), ExpectedReturns = PortfolioTestData.Permute(mu, perm) }).Weights;
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(a[perm[i]], b[i], 8);
        }
    }
}
