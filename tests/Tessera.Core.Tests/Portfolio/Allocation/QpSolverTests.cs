using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class QpSolverTests
{
    [Fact]
    public void Solution_and_multipliers_match_the_hand_derived_KKT_point()
    {
        // minimize (x1 - 1)^2 + (x2 - 1)^2  <=>  1/2 x'(2I)x + (-2, -2)'x, s.t. x1 + x2 <= 1, 0 <= x1 <= 0.3, 0 <= x2 <= 1.
        // By hand: x = (0.3, 0.7); gradient (-1.4, -0.6); the row multiplier is 0.6 (x2 free) and the
        // upper bound of x1 carries 1.4 - 0.6 = 0.8, both >= 0 as upper-side multipliers must be.
        var qp = new QuadraticProgram(2, [2, 0, 0, 2], [-2, -2], [0, 0], [0.3, 1], [new LinearConstraint("sum", [1, 1], double.NegativeInfinity, 1)]);
        var s = new QpSolver().Solve(qp, "test");
        Assert.True(s.Polished);
        Assert.Equal(0.3, s.X[0], 12);
        Assert.Equal(0.7, s.X[1], 12);
        Assert.Equal(0.6, s.RowDuals[0], 10);
        Assert.Equal(0.8, s.BoundDuals[0], 10);
        Assert.Equal(0.0, s.BoundDuals[1], 10);
    }

    [Fact]
    public void Equality_and_lower_bound_hand_derived()
    {
        // minimize x1^2 + 2 x2^2 + 3 x3^2 s.t. x1 + x2 + x3 = 1, x3 >= 0.5:
        // x3 = 0.5; the rest minimizes x1^2 + 2 x2^2 with x1 + x2 = 0.5 -> x1 = 1/3, x2 = 1/6 (2 x1 = 4 x2).
        var qp = new QuadraticProgram(3, [2, 0, 0, 0, 4, 0, 0, 0, 6], [0, 0, 0], [double.NegativeInfinity, double.NegativeInfinity, 0.5], [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity], [new LinearConstraint("budget", [1, 1, 1], 1, 1)]);
        var s = new QpSolver().Solve(qp, "test");
        Assert.Equal(1.0 / 3, s.X[0], 10);
        Assert.Equal(1.0 / 6, s.X[1], 10);
        Assert.Equal(0.5, s.X[2], 10);

        // Stationarity: 2 x1 + nu = 0 -> nu = -2/3; the lower bound of x3 carries -(6 * 0.5 + nu) = -7/3 <= 0.
        Assert.Equal(-2.0 / 3, s.RowDuals[0], 9);
        Assert.Equal(-7.0 / 3, s.BoundDuals[2], 9);
    }

    [Fact]
    public void Incompatible_constraints_raise_an_infeasibility_error_naming_the_row()
    {
        var qp = new QuadraticProgram(2, [1, 0, 0, 1], [0, 0], [0, 0], [1, 1], [new LinearConstraint("atLeastThree", [1, 1], 3, double.PositiveInfinity)]);
        var ex = Assert.Throws<InfeasibleProblemException>(() => new QpSolver().Solve(qp, "test"));
        Assert.Contains("atLeastThree", ex.Field, StringComparison.Ordinal);
    }
}
