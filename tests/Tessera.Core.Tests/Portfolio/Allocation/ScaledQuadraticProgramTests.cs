using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class ScaledQuadraticProgramTests
{
    // minimize 1/2 x'Px + q'x, P = diag(2, 6) (mean diagonal 4), q = (-2, 4); rows: 2 x1 - 4 x2 in [-8, 2], 0 x in [0, 1].
    private static readonly QuadraticProgram Qp = new(
        2,
        [2, 0, 0, 6],
        [-2, 4],
        [0, double.NegativeInfinity],
        [1, 5],
        [new LinearConstraint("mixed", [2, -4], -8, 2), new LinearConstraint("empty", [0, 0], 0, 1)]);

    [Fact]
    public void The_objective_is_divided_by_its_mean_diagonal_and_each_row_by_its_largest_coefficient()
    {
        var s = new ScaledQuadraticProgram(Qp);
        Assert.Equal((2, 2), (s.N, s.M));
        Assert.Equal(4.0, s.ObjectiveScale);
        Assert.Equal([0.5, 0, 0, 1.5], s.P);
        Assert.Equal([-0.5, 1.0], s.Q);
        Assert.Equal([4.0, 1.0], s.RowScale); // an all-zero row keeps scale 1
        Assert.Equal([0.5, -1.0, 0.0, 0.0], s.G);
        Assert.Equal([-2.0, 0.0], s.RowLower);
        Assert.Equal([0.5, 1.0], s.RowUpper);
        Assert.Equal([[0, 1], []], s.Nonzeros);
        Assert.Same(Qp.Lower, s.Lower); // x is not scaled, nor are its bounds
        Assert.Same(Qp.Upper, s.Upper);
        Assert.Equal("mixed", s.Rows[0].Name);
    }

    [Fact]
    public void Row_products_and_transposes_visit_the_nonzeros()
    {
        var s = new ScaledQuadraticProgram(Qp);
        Assert.Equal((0.5 * 3) - 2.0, s.RowDot(0, [3.0, 2.0]));
        Assert.Equal(0.0, s.RowDot(1, [3.0, 2.0]));
        var target = new double[] { 9, 9 };
        s.Transposed([2.0, 7.0], target);
        Assert.Equal([1.0, -2.0], target);
    }

    [Fact]
    public void Residuals_are_bound_and_row_violations_and_the_stationarity_gap()
    {
        var s = new ScaledQuadraticProgram(Qp);

        // x = (1, 0): inside every bound and row; P x + q = (0.5 - 0.5, 0 + 1) = (0, 1) in scaled units.
        var (primal, dual) = s.Residuals([1.0, 0.0], [0.0, 0.0], [0.0, 0.0]);
        Assert.Equal(0.0, primal);
        Assert.Equal(1.0, dual);

        // x = (2, 0): 1 above x1's upper bound and 0.5 above the first row's scaled upper bound (0.5 * 2 = 1 > 0.5).
        (primal, _) = s.Residuals([2.0, 0.0], [0.0, 0.0], [0.0, 0.0]);
        Assert.Equal(1.0, primal);
    }
}
