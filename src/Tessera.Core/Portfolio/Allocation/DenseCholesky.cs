namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// Cholesky factor L (lower, flat row-major) of a symmetric positive-definite matrix, with
/// allocation-free solves: the ADMM loop solves with the same matrix hundreds of times.
/// </summary>
internal sealed class DenseCholesky
{
    private readonly double[] _l;
    private readonly int _n;

    private DenseCholesky(double[] l, int n)
    {
        _l = l;
        _n = n;
    }

    /// <summary>Factorizes; returns null when the matrix is not numerically positive definite.</summary>
    public static DenseCholesky? TryFactor(double[] matrix, int n) => TryFactor(matrix, n, 0.0);

    /// <summary>Factorizes matrix - shift I (the input is not changed); null when that is not numerically positive definite.</summary>
    public static DenseCholesky? TryFactor(double[] matrix, int n, double shift)
    {
        var l = (double[])matrix.Clone();
        if (shift != 0)
        {
            for (var i = 0; i < n; i++)
            {
                l[(i * n) + i] -= shift;
            }
        }

        for (var j = 0; j < n; j++)
        {
            var rowJ = l.AsSpan(j * n, j);
            var d = l[(j * n) + j] - VectorMath.Dot(rowJ, rowJ);

            if (!(d > 0) || !double.IsFinite(d))
            {
                return null;
            }

            d = Math.Sqrt(d);
            l[(j * n) + j] = d;
            var i0 = j + 1;

            // Four rows at a time share the loads of row j (bit-identical to one Dot per row, VectorMath.Dot4).
            for (; i0 + 4 <= n; i0 += 4)
            {
                VectorMath.Dot4(l.AsSpan(i0 * n, j), l.AsSpan((i0 + 1) * n, j), l.AsSpan((i0 + 2) * n, j), l.AsSpan((i0 + 3) * n, j), rowJ, out var s0, out var s1, out var s2, out var s3);
                l[(i0 * n) + j] = (l[(i0 * n) + j] - s0) / d;
                l[((i0 + 1) * n) + j] = (l[((i0 + 1) * n) + j] - s1) / d;
                l[((i0 + 2) * n) + j] = (l[((i0 + 2) * n) + j] - s2) / d;
                l[((i0 + 3) * n) + j] = (l[((i0 + 3) * n) + j] - s3) / d;
            }

            for (var i = i0; i < n; i++)
            {
                var s = l[(i * n) + j] - VectorMath.Dot(l.AsSpan(i * n, j), rowJ);
                l[(i * n) + j] = s / d;
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                l[(i * n) + j] = 0.0;
            }
        }

        return new DenseCholesky(l, n);
    }

    /// <summary>Solves L L' x = b in place (b becomes x).</summary>
    public void SolveInPlace(Span<double> b)
    {
        var n = _n;
        for (var i = 0; i < n; i++)
        {
            var s = b[i] - VectorMath.Dot(_l.AsSpan(i * n, i), b[..i]);
            b[i] = s / _l[(i * n) + i];
        }

        // L' x = y by columns of L' (= rows of L, contiguous): x_i = b_i / l_ii, then b_k -= l_ik x_i for k < i.
        for (var i = n - 1; i >= 0; i--)
        {
            var xi = b[i] / _l[(i * n) + i];
            b[i] = xi;
            VectorMath.AddScaled(-xi, _l.AsSpan(i * n, i), b[..i]);
        }
    }
}
