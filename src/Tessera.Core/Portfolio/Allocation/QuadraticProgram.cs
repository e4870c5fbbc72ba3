namespace Tessera.Core.Portfolio.Allocation;

/// <summary>A general linear constraint Low &lt;= a' x &lt;= High (equality when Low == High).</summary>
public sealed record LinearConstraint(string Name, double[] Coefficients, double Low, double High);

/// <summary>
/// minimize 1/2 x' P x + q' x subject to Lower &lt;= x &lt;= Upper and the linear constraints.
/// P is symmetric positive semi-definite, flat row-major n x n.
/// </summary>
public sealed class QuadraticProgram
{
    public QuadraticProgram(int size, double[] p, double[] q, double[] lower, double[] upper, IReadOnlyList<LinearConstraint> constraints)
    {
        Size = size;
        P = p;
        Q = q;
        Lower = lower;
        Upper = upper;
        Constraints = constraints;
    }

    public int Size { get; }

    public double[] P { get; }

    public double[] Q { get; }

    public double[] Lower { get; }

    public double[] Upper { get; }

    public IReadOnlyList<LinearConstraint> Constraints { get; }
}

/// <summary>
/// A QP solution with the Lagrange multipliers of the convention P x + q + y_bounds + G' y_rows = 0:
/// a multiplier is &gt;= 0 when its upper side is active, &lt;= 0 when its lower side is active, 0 when
/// inactive. Tests check the KKT conditions on exactly these numbers.
/// </summary>
public sealed record QpSolution(double[] X, double[] BoundDuals, double[] RowDuals, int Iterations, bool Polished, double PrimalResidual, double DualResidual)
{
    /// <summary>Active-set repair rounds the polish needed (1 = the ADMM active set was already right).</summary>
    public int PolishRounds { get; init; }

    /// <summary>Which route solved it (the general ADMM + polish, or the budget-and-box active set).</summary>
    public QpAlgorithm Algorithm { get; init; } = QpAlgorithm.AdmmPolish;
}

/// <summary>The routes of <see cref="QpSolver"/>.</summary>
public enum QpAlgorithm
{
    /// <summary>ADMM (OSQP form) to find the active set, then the exact active-set polish.</summary>
    AdmmPolish = 0,

    /// <summary>One budget row and a box only: exact active set on Cholesky factors of the free block.</summary>
    BudgetBoxActiveSet = 1,
}
