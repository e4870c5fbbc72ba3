using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class MinimumVarianceAllocatorTests
{
    private const double Lo = 0.015;

    private static double[] Gradient(CovarianceMatrix cov, double[] w)
    {
        var g = new double[w.Length];
        cov.Multiply(w, g);
        for (var i = 0; i < g.Length; i++)
        {
            g[i] *= 2;
        }

        return g;
    }

    [Fact]
    public void Unconstrained_solution_is_the_closed_form_inverse_covariance_portfolio()
    {
        // Sigma = [[0.04, 0.006], [0.006, 0.09]]: w = Sigma^-1 1 / 1'Sigma^-1 1 = (0.084, 0.034)/0.118 by hand.
        var cov = new CovarianceMatrix(2, [0.04, 0.006, 0.006, 0.09]);
        var w = new MinimumVarianceAllocator().Allocate(new AllocationProblem { AssetIds = ["a", "b"], Covariance = cov }).Weights;
        Assert.Equal(0.084 / 0.118, w[0], 10);
        Assert.Equal(0.034 / 0.118, w[1], 10);
    }

    [Fact]
    public void Satisfies_the_KKT_conditions_with_bounds_checked_from_the_weights_alone()
    {
        // KKT for min w'Sw, 1'w = 1, lo <= w <= hi: with g = 2 S w there is nu such that
        // g_i = nu for free assets, g_i >= nu at the lower bound, g_i <= nu at the upper bound.
        var cov = PortfolioTestData.FactorCovariance(40, 21);
        var unconstrained = new MinimumVarianceAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Ids(40), Covariance = cov }).Weights;
        Assert.True(unconstrained.Max() > 0.06, "the cap must bind for this test to mean something");
        var problem = new AllocationProblem { AssetIds = PortfolioTestData.Ids(40), Covariance = cov, Constraints = new AllocationConstraints { MaxWeight = 0.06, MinWeights = Enumerable.Repeat(Lo, 40).ToArray() } };
        var w = new MinimumVarianceAllocator().Allocate(problem).Weights;
        Assert.Equal(1.0, PortfolioTestData.Sum(w), 10);
        var g = Gradient(cov, w);
        var free = Enumerable.Range(0, 40).Where(i => w[i] > Lo + 1e-9 && w[i] < 0.06 - 1e-9).ToArray();
        Assert.NotEmpty(free);
        Assert.Contains(w, x => x < Lo + 1e-12);
        Assert.Contains(w, x => x > 0.06 - 1e-12);
        var nu = g[free[0]];
        var scale = Math.Abs(nu);
        foreach (var i in free)
        {
            Assert.True(Math.Abs(g[i] - nu) < 1e-9 * scale, $"free asset {i}: gradient {g[i]} vs {nu}");
        }

        for (var i = 0; i < 40; i++)
        {
            Assert.InRange(w[i], Lo - 1e-12, 0.06 + 1e-12);
            if (w[i] <= Lo + 1e-12)
            {
                Assert.True(g[i] >= nu - (1e-9 * scale), $"asset {i} at lower bound has gradient {g[i]} < {nu}");
            }
            else if (w[i] >= 0.06 - 1e-12)
            {
                Assert.True(g[i] <= nu + (1e-9 * scale), $"asset {i} at upper bound has gradient {g[i]} > {nu}");
            }
        }
    }

    [Fact]
    public void Satisfies_the_KKT_conditions_with_group_caps_and_beta_band_using_the_reported_multipliers()
    {
        var n = 25;
        var cov = PortfolioTestData.FactorCovariance(n, 31);
        var betas = Enumerable.Range(0, n).Select(i => 0.3 + (0.05 * i)).ToArray();
        var groups = Enumerable.Range(0, n).Select(i => i < 10 ? "g1" : (i < 18 ? "g2" : null)).ToArray();
        var problem = new AllocationProblem
        {
            AssetIds = PortfolioTestData.Ids(n),
            Covariance = cov,
            Betas = betas,
            Constraints = new AllocationConstraints
            {
                MaxWeight = 0.2,
                AssetGroups = groups,
                GroupCaps = new Dictionary<string, double>(StringComparer.Ordinal) { ["g1"] = 0.2, ["g2"] = 0.3 },
                BetaBand = 0.95,
            },
        };
        var result = new MinimumVarianceAllocator().Allocate(problem);
        var w = result.Weights;
        var solution = result.Solver!;
        Assert.True(solution.Polished);

        // Primal feasibility.
        Assert.Equal(1.0, w.Sum(), 10);
        Assert.True(Enumerable.Range(0, 10).Sum(i => w[i]) <= 0.2 + 1e-10);
        Assert.True(Enumerable.Range(10, 8).Sum(i => w[i]) <= 0.3 + 1e-10);
        var beta = Enumerable.Range(0, n).Sum(i => w[i] * betas[i]);
        Assert.InRange(beta, -0.95 - 1e-10, 0.95 + 1e-10);

        // Stationarity: 2 S w + yb + nu 1 + y_g1 1_g1 + y_g2 1_g2 + y_beta beta = 0 (rows: budget, g1, g2, beta).
        var g = Gradient(cov, w);
        var y = solution.RowDuals;
        for (var i = 0; i < n; i++)
        {
            var s = g[i] + solution.BoundDuals[i] + y[0] + (i < 10 ? y[1] : 0) + (i is >= 10 and < 18 ? y[2] : 0) + (y[3] * betas[i]);
            Assert.True(Math.Abs(s) < 1e-9, $"stationarity residual {s} at asset {i}");
        }

        // Dual feasibility and complementary slackness for the inequality rows.
        Assert.True(y[1] >= -1e-12 && Math.Abs(y[1] * (Enumerable.Range(0, 10).Sum(i => w[i]) - 0.2)) < 1e-10);
        Assert.True(y[2] >= -1e-12 && Math.Abs(y[2] * (Enumerable.Range(10, 8).Sum(i => w[i]) - 0.3)) < 1e-10);
        Assert.True(Math.Abs(y[3]) < 1e-12 || Math.Abs(Math.Abs(beta) - 0.95) < 1e-9);
        Assert.True(y[3] * beta >= -1e-12);
        for (var i = 0; i < n; i++)
        {
            var yb = solution.BoundDuals[i];
            Assert.True(Math.Abs(yb) < 1e-12 || w[i] < 1e-9 || w[i] > 0.2 - 1e-9);
            Assert.True(w[i] > 1e-9 || yb <= 1e-12);
            Assert.True(w[i] < 0.2 - 1e-9 || yb >= -1e-12);
        }

        // Both the beta band and a group cap bind here, so their multipliers are exercised.
        Assert.Equal(0.95, beta, 8);
        Assert.True(y[1] > 1e-9 || y[2] > 1e-9);
    }

    [Fact]
    public void Turnover_penalty_moves_the_solution_toward_previous_weights()
    {
        var cov = PortfolioTestData.FactorCovariance(6, 41);
        var ids = PortfolioTestData.Ids(6);
        var free = new MinimumVarianceAllocator().Allocate(new AllocationProblem { AssetIds = ids, Covariance = cov }).Weights;
        var prev = new[] { 0.5, 0.1, 0.1, 0.1, 0.1, 0.1 };
        var penalized = new MinimumVarianceAllocator().Allocate(new AllocationProblem { AssetIds = ids, Covariance = cov, Constraints = new AllocationConstraints { PreviousWeights = prev, TurnoverPenalty = 0.01 } }).Weights;
        double Dist(double[] a) => a.Zip(prev, (x, y) => (x - y) * (x - y)).Sum();
        Assert.True(Dist(penalized) < Dist(free));
    }

    [Fact]
    public void Infeasible_beta_band_raises_a_typed_error_naming_the_band()
    {
        var cov = PortfolioTestData.FactorCovariance(4, 51);
        var problem = new AllocationProblem
        {
            AssetIds = PortfolioTestData.Ids(4),
            Covariance = cov,
            Betas = [0.8, 0.9, 1.0, 1.1],
            Constraints = new AllocationConstraints { BetaBand = 0.15 },
        };
        var ex = Assert.Throws<InfeasibleProblemException>(() => new MinimumVarianceAllocator().Allocate(problem));
        Assert.Contains("betaBand", ex.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Invariant_to_permuting_the_asset_order()
    {
        var cov = PortfolioTestData.FactorCovariance(30, 61);
        var ids = PortfolioTestData.Ids(30);
        var perm = PortfolioTestData.Shuffle(30, 62);
        var a = new MinimumVarianceAllocator().Allocate(new AllocationProblem { AssetIds = ids, Covariance = cov, Constraints = new AllocationConstraints { MaxWeight = 0.1 } }).Weights;
        var b = new MinimumVarianceAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Permute(ids, perm), Covariance = PortfolioTestData.Permute(cov, perm), Constraints = new AllocationConstraints { MaxWeight = 0.1 } }).Weights;
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(a[perm[i]], b[i], 9);
        }
    }
}
