namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// A <see cref="QuadraticProgram"/> as <see cref="QpSolver"/> works on it: the objective divided by its mean diagonal
/// (<see cref="ObjectiveScale"/>), every linear row divided by its largest coefficient (<see cref="RowScale"/>), the
/// rows flat row-major (m x n) with the indices of their nonzero coefficients. The variable bounds are not scaled
/// (x is not). One object instead of the ten arrays and counts every solver phase used to take.
/// </summary>
internal sealed class ScaledQuadraticProgram
{
    public ScaledQuadraticProgram(QuadraticProgram qp)
    {
        var n = qp.Size;
        var m = qp.Constraints.Count;

        // Objective by its mean diagonal, rows by their largest coefficient.
        var objScale = 0.0;
        for (var i = 0; i < n; i++)
        {
            objScale += qp.P[(i * n) + i];
        }

        objScale = objScale > 0 ? objScale / n : 1.0;
        var p = new double[n * n];
        for (var k = 0; k < p.Length; k++)
        {
            p[k] = qp.P[k] / objScale;
        }

        var q = new double[n];
        for (var i = 0; i < n; i++)
        {
            q[i] = qp.Q[i] / objScale;
        }

        var g = new double[m * n];
        var gl = new double[m];
        var gu = new double[m];
        var rowScale = new double[m];
        var nz = new int[m][];
        for (var r = 0; r < m; r++)
        {
            var c = qp.Constraints[r];
            var norm = 0.0;
            for (var j = 0; j < n; j++)
            {
                norm = Math.Max(norm, Math.Abs(c.Coefficients[j]));
            }

            if (norm == 0)
            {
                norm = 1.0;
            }

            rowScale[r] = norm;
            var nonzero = new List<int>();
            for (var j = 0; j < n; j++)
            {
                g[(r * n) + j] = c.Coefficients[j] / norm;
                if (c.Coefficients[j] != 0)
                {
                    nonzero.Add(j);
                }
            }

            nz[r] = nonzero.ToArray();

            gl[r] = c.Low / norm;
            gu[r] = c.High / norm;
        }

        N = n;
        M = m;
        P = p;
        Q = q;
        Lower = qp.Lower;
        Upper = qp.Upper;
        G = g;
        Nonzeros = nz;
        RowLower = gl;
        RowUpper = gu;
        RowScale = rowScale;
        ObjectiveScale = objScale;
        Rows = qp.Constraints;
    }

    /// <summary>Number of variables.</summary>
    public int N { get; }

    /// <summary>Number of linear rows.</summary>
    public int M { get; }

    /// <summary>Scaled P, flat row-major n x n.</summary>
    public double[] P { get; }

    /// <summary>Scaled q.</summary>
    public double[] Q { get; }

    /// <summary>Variable lower bounds (unscaled).</summary>
    public double[] Lower { get; }

    /// <summary>Variable upper bounds (unscaled).</summary>
    public double[] Upper { get; }

    /// <summary>Scaled rows, flat row-major m x n.</summary>
    public double[] G { get; }

    /// <summary>Per row, the indices of its nonzero coefficients (ascending).</summary>
    public int[][] Nonzeros { get; }

    /// <summary>Scaled row lower bounds.</summary>
    public double[] RowLower { get; }

    /// <summary>Scaled row upper bounds.</summary>
    public double[] RowUpper { get; }

    /// <summary>The largest |coefficient| each row was divided by.</summary>
    public double[] RowScale { get; }

    /// <summary>The mean diagonal of P the objective was divided by (1 when it is not positive).</summary>
    public double ObjectiveScale { get; }

    /// <summary>The original rows (their names appear in infeasibility errors).</summary>
    public IReadOnlyList<LinearConstraint> Rows { get; }

    /// <summary>Row r of G times x (only the row's nonzeros are visited).</summary>
    public double RowDot(int r, ReadOnlySpan<double> x)
    {
        var g = G;
        var s = 0.0;
        var offset = r * N;
        foreach (var j in Nonzeros[r])
        {
            s += g[offset + j] * x[j];
        }

        return s;
    }

    /// <summary>target = G' y (only the nonzeros of each row are visited).</summary>
    public void Transposed(double[] y, double[] target)
    {
        var g = G;
        var n = N;
        Array.Clear(target);
        for (var r = 0; r < M; r++)
        {
            var yr = y[r];
            if (yr == 0)
            {
                continue;
            }

            var offset = r * n;
            foreach (var j in Nonzeros[r])
            {
                target[j] += g[offset + j] * yr;
            }
        }
    }

    /// <summary>Largest bound or row violation of x (primal) and largest |P x + q + y_bounds + G' y_rows| (dual).</summary>
    public (double Primal, double Dual) Residuals(double[] x, double[] yb, double[] yg)
    {
        int n = N, m = M;
        double[] p = P, q = Q, lo = Lower, hi = Upper, gl = RowLower, gu = RowUpper;
        var prim = 0.0;
        for (var i = 0; i < n; i++)
        {
            prim = Math.Max(prim, Math.Max(lo[i] - x[i], x[i] - hi[i]));
        }

        for (var r = 0; r < m; r++)
        {
            var ax = RowDot(r, x);
            prim = Math.Max(prim, Math.Max(gl[r] - ax, ax - gu[r]));
        }

        var dual = 0.0;
        var gty = new double[n];
        Transposed(yg, gty);
        for (var i = 0; i < n; i++)
        {
            var s = VectorMath.Dot(p.AsSpan(i * n, n), x) + q[i] + yb[i] + gty[i];

            dual = Math.Max(dual, Math.Abs(s));
        }

        return (Math.Max(prim, 0), dual);
    }
}
