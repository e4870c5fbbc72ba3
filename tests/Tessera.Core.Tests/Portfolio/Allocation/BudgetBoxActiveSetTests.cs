using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

/// <summary>
/// The budget-and-box route of <see cref="QpSolver"/> (minimum variance without group caps or a beta band) against
/// the KKT conditions themselves and against the general ADMM + polish route on the same problems.
/// </summary>
public sealed class BudgetBoxActiveSetTests
{
    [Theory]
    [InlineData(7, 30, double.PositiveInfinity)]
    [InlineData(11, 80, double.PositiveInfinity)]
    [InlineData(13, 80, 0.05)]
    [InlineData(17, 150, 0.02)]
    public void Long_only_solution_satisfies_KKT_and_matches_the_general_route(int seed, int n, double cap)
    {
        var qp = MinVarianceQp(seed, n, cap);
        var fast = new QpSolver().Solve(qp, "test");
        Assert.Equal(QpAlgorithm.BudgetBoxActiveSet, fast.Algorithm);
        AssertKkt(qp, fast);

        var general = new QpSolver { AllowBudgetBoxRoute = false }.Solve(qp, "test");
        Assert.Equal(QpAlgorithm.AdmmPolish, general.Algorithm);
        for (var i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(fast.X[i] - general.X[i]) <= 1e-9, $"w[{i}] {fast.X[i]} vs {general.X[i]}");
        }

        // Both are the exact optimum on the same active set: objectives equal to rounding.
        Assert.True(Objective(qp, fast.X) <= Objective(qp, general.X) + (1e-12 * Math.Abs(Objective(qp, general.X))));
    }

    [Fact]
    public void Hand_derived_two_asset_corner()
    {
        // minimize w1^2 + 4 w2^2 with w1 + w2 = 1, w >= 0, w1 <= 0.6: unconstrained optimum w = (0.8, 0.2) crosses the
        // cap, so w1 = 0.6, w2 = 0.4; stationarity 8 w2 + nu = 0 gives nu = -3.2, and the cap carries -(2 * 0.6 + nu) = 2.
        var qp = new QuadraticProgram(2, [2, 0, 0, 8], [0, 0], [0, 0], [0.6, 1], [new LinearConstraint("budget", [1, 1], 1, 1)]);
        var s = new QpSolver().Solve(qp, "test");
        Assert.Equal(QpAlgorithm.BudgetBoxActiveSet, s.Algorithm);
        Assert.Equal(0.6, s.X[0], 14);
        Assert.Equal(0.4, s.X[1], 14);
        Assert.Equal(-3.2, s.RowDuals[0], 12);
        Assert.Equal(2.0, s.BoundDuals[0], 12);
        Assert.Equal(0.0, s.BoundDuals[1], 14);
    }

    [Fact]
    public void Problems_with_other_rows_take_the_general_route()
    {
        var qp = new QuadraticProgram(2, [2, 0, 0, 2], [-2, -2], [0, 0], [0.3, 1], [new LinearConstraint("sum", [1, 1], double.NegativeInfinity, 1)]);
        Assert.Equal(QpAlgorithm.AdmmPolish, new QpSolver().Solve(qp, "test").Algorithm);
    }

    private static void AssertKkt(QuadraticProgram qp, QpSolution s)
    {
        var n = qp.Size;
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            scale += qp.P[(i * n) + i] / n;
        }

        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var x = s.X[i];
            sum += x;
            Assert.True(x >= qp.Lower[i] - 1e-12 && x <= qp.Upper[i] + 1e-12, $"w[{i}] = {x} outside its box");
            var px = 0.0;
            for (var j = 0; j < n; j++)
            {
                px += qp.P[(i * n) + j] * s.X[j];
            }

            // Stationarity P x + q + y_b + 1 nu = 0, complementary slackness and the multiplier signs.
            Assert.True(Math.Abs(px + qp.Q[i] + s.BoundDuals[i] + s.RowDuals[0]) <= 1e-9 * scale, $"stationarity at {i}");
            var atLower = x == qp.Lower[i];
            var atUpper = x == qp.Upper[i];
            if (!atLower && !atUpper)
            {
                Assert.Equal(0.0, s.BoundDuals[i]);
            }

            if (atLower)
            {
                Assert.True(s.BoundDuals[i] <= 1e-9 * scale, $"lower-bound multiplier of {i} has the wrong sign");
            }

            if (atUpper)
            {
                Assert.True(s.BoundDuals[i] >= -1e-9 * scale, $"upper-bound multiplier of {i} has the wrong sign");
            }
        }

        Assert.Equal(1.0, sum, 12);
    }

    private static double Objective(QuadraticProgram qp, double[] x)
    {
        var n = qp.Size;
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                total += 0.5 * x[i] * qp.P[(i * n) + j] * x[j];
            }

            total += qp.Q[i] * x[i];
        }

        return total;
    }

    /// <summary>P = 2 Sigma for a seeded 3-factor covariance at daily scale (B B' + D), long-only, budget 1, cap per asset.</summary>
    private static QuadraticProgram MinVarianceQp(int seed, int n, double cap)
    {
        var rng = new Random(seed);
        var b = new double[n, 3];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < 3; k++)
            {
                b[i, k] = (rng.NextDouble() - 0.3) * 0.01;
            }
        }

        var p = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                for (var k = 0; k < 3; k++)
                {
                    s += b[i, k] * b[j, k];
                }

                p[(i * n) + j] = 2 * (s + (i == j ? 1e-5 * (0.5 + rng.NextDouble()) : 0));
            }
        }

        var lower = new double[n];
        var upper = new double[n];
        Array.Fill(upper, cap);
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        return new QuadraticProgram(n, p, new double[n], lower, upper, [new LinearConstraint("budget", ones, 1, 1)]);
    }
}
