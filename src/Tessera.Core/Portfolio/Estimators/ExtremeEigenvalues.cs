using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Tessera.Core.Portfolio.Allocation;

namespace Tessera.Core.Portfolio.Estimators;

/// <summary>
/// Extreme eigenvalues of a symmetric positive-definite matrix by Lanczos with full
/// reorthogonalization (at most 80 steps): lambda_max from M, lambda_min as 1 / (largest Ritz value
/// of M^-1) using the Cholesky factor. Working on M^-1 turns the crowded bottom of a covariance
/// spectrum into a well-separated top, where Lanczos converges fast. Cost O(k n^2) instead of the
/// O(n^3) full eigendecomposition. Ritz values bound from inside: the max estimate is &lt;= lambda_max
/// and the min estimate &gt;= lambda_min, converging to them (tests pin them against the full EVD).
/// </summary>
internal static class ExtremeEigenvalues
{
    private const int MaxSteps = 80;

    public static double Largest(CovarianceMatrix m) => LargestRitz(m.Size, (x, y) => m.Multiply(x, y));

    public static double Smallest(CovarianceMatrix m, DenseCholesky chol) => 1.0 / LargestRitz(m.Size, (x, y) =>
    {
        x.CopyTo(y);
        chol.SolveInPlace(y);
    });

    private delegate void Apply(ReadOnlySpan<double> x, Span<double> y);

    private static double LargestRitz(int n, Apply apply)
    {
        var k = Math.Min(n, MaxSteps);
        var basis = new double[k][];
        var alpha = new double[k];
        var beta = new double[k];
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            v[i] = 1.0 + (0.01 * ((i * 7919) % 101));
        }

        Scale(v, 1.0 / Norm(v));
        var w = new double[n];
        var steps = 0;
        var previous = double.NaN;
        for (var j = 0; j < k; j++)
        {
            basis[j] = (double[])v.Clone();
            apply(v, w);
            alpha[j] = Dot(w, v);
            steps = j + 1;

            // Full reorthogonalization against every basis vector (twice is enough for stability).
            for (var pass = 0; pass < 2; pass++)
            {
                for (var b = 0; b <= j; b++)
                {
                    var c = Dot(w, basis[b]);
                    for (var i = 0; i < n; i++)
                    {
                        w[i] -= c * basis[b][i];
                    }
                }
            }

            var norm = Norm(w);
            if ((j + 1) % 10 == 0 || j == k - 1 || norm < 1e-14 * Math.Abs(alpha[j]))
            {
                var ritz = TridiagonalMax(alpha, beta, steps);
                if (norm < 1e-14 * Math.Abs(alpha[j]) || Math.Abs(ritz - previous) <= 1e-13 * Math.Abs(ritz))
                {
                    return ritz;
                }

                previous = ritz;
            }

            if (j + 1 < k)
            {
                beta[j + 1] = norm;
                for (var i = 0; i < n; i++)
                {
                    v[i] = w[i] / norm;
                }
            }
        }

        return TridiagonalMax(alpha, beta, steps);
    }

    private static double TridiagonalMax(double[] alpha, double[] beta, int size)
    {
        var t = Matrix<double>.Build.Dense(size, size);
        for (var i = 0; i < size; i++)
        {
            t[i, i] = alpha[i];
            if (i > 0)
            {
                t[i, i - 1] = beta[i];
                t[i - 1, i] = beta[i];
            }
        }

        var evd = t.Evd(Symmetricity.Symmetric);
        var max = double.NegativeInfinity;
        for (var i = 0; i < size; i++)
        {
            max = Math.Max(max, evd.EigenValues[i].Real);
        }

        return max;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static double Norm(double[] x) => Math.Sqrt(Dot(x, x));

    private static void Scale(double[] x, double f)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= f;
        }
    }
}
