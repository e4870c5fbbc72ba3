using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Estimators;

/// <summary>
/// A symmetric p x p covariance stored flat in row-major order (Values[i * Size + j]). Flat storage
/// keeps the solvers' inner loops on contiguous memory; symmetry means row i is also column i.
/// </summary>
public sealed class CovarianceMatrix
{
    public CovarianceMatrix(int size, double[] values)
        : this(size, values, checkSymmetry: true)
    {
    }

    private CovarianceMatrix(int size, double[] values, bool checkSymmetry)
    {
        if (size <= 0)
        {
            throw new TesseraValidationException("covariance.size", PortfolioInputValidation.Str(size), "size must be positive");
        }

        if (values is null || values.Length != size * size)
        {
            throw new TesseraValidationException("covariance", PortfolioInputValidation.Str(values?.Length ?? 0) + " values", "expected size*size = " + PortfolioInputValidation.Str(size * size) + " values");
        }

        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                var v = values[(i * size) + j];
                if (!double.IsFinite(v))
                {
                    throw new TesseraValidationException("covariance[" + PortfolioInputValidation.Str(i) + "," + PortfolioInputValidation.Str(j) + "]", PortfolioInputValidation.Str(v), "covariance entries must be finite");
                }

                if (checkSymmetry && j > i && Math.Abs(v - values[(j * size) + i]) > 1e-12 * (1 + Math.Abs(v)))
                {
                    throw new TesseraValidationException("covariance[" + PortfolioInputValidation.Str(i) + "," + PortfolioInputValidation.Str(j) + "]", PortfolioInputValidation.Str(v), "covariance must be symmetric");
                }
            }

            if (values[(i * size) + i] <= 0)
            {
                throw new TesseraValidationException("covariance[" + PortfolioInputValidation.Str(i) + "," + PortfolioInputValidation.Str(i) + "]", PortfolioInputValidation.Str(values[(i * size) + i]), "variances on the diagonal must be positive");
            }
        }

        Size = size;
        Values = values;
    }

    /// <summary>
    /// For estimators whose output is symmetric bit for bit by construction (both halves written from the same value and
    /// transformed by the same operations): the same checks and errors as the constructor except the pairwise symmetry
    /// test, whose transposed reads cost more than the rest of the validation on a large matrix.
    /// </summary>
    internal static CovarianceMatrix SymmetricByConstruction(int size, double[] values) => new(size, values, checkSymmetry: false);

    public int Size { get; }

    public double[] Values { get; }

    public double this[int i, int j] => Values[(i * Size) + j];

    public static CovarianceMatrix FromRows(double[][] rows)
    {
        var n = rows.Length;
        var values = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            if (rows[i].Length != n)
            {
                throw new TesseraValidationException("covariance", PortfolioInputValidation.Str(rows[i].Length) + " columns in row " + PortfolioInputValidation.Str(i), "a square matrix is required");
            }

            Array.Copy(rows[i], 0, values, i * n, n);
        }

        return new CovarianceMatrix(n, values);
    }

    /// <summary>Diagonal standard deviations.</summary>
    public double[] Volatilities()
    {
        var vol = new double[Size];
        for (var i = 0; i < Size; i++)
        {
            vol[i] = Math.Sqrt(Values[(i * Size) + i]);
        }

        return vol;
    }

    /// <summary>y = Sigma x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        var n = Size;
        var values = Values.AsSpan();
        var i = 0;

        // Four rows per pass over x (Dot4 is bit-identical to four Dot calls), the rest one at a time.
        for (; i + 4 <= n; i += 4)
        {
            VectorMath.Dot4(values.Slice(i * n, n), values.Slice((i + 1) * n, n), values.Slice((i + 2) * n, n), values.Slice((i + 3) * n, n), x[..n], out y[i], out y[i + 1], out y[i + 2], out y[i + 3]);
        }

        for (; i < n; i++)
        {
            y[i] = VectorMath.Dot(values.Slice(i * n, n), x);
        }
    }

    /// <summary>x' Sigma x.</summary>
    public double QuadraticForm(ReadOnlySpan<double> x)
    {
        var n = Size;
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            total += x[i] * VectorMath.Dot(Values.AsSpan(i * n, n), x);
        }

        return total;
    }

    /// <summary>The sub-matrix on the given indices (used by hierarchical methods per cluster).</summary>
    public CovarianceMatrix Subset(IReadOnlyList<int> indices)
    {
        var m = indices.Count;
        var values = new double[m * m];
        for (var a = 0; a < m; a++)
        {
            for (var b = 0; b < m; b++)
            {
                values[(a * m) + b] = Values[(indices[a] * Size) + indices[b]];
            }
        }

        return new CovarianceMatrix(m, values);
    }

    /// <summary>Correlation matrix rho_ij = s_ij / sqrt(s_ii s_jj), flat row-major.</summary>
    public double[] Correlation()
    {
        var n = Size;
        var vol = Volatilities();
        var rho = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                rho[(i * n) + j] = i == j ? 1.0 : Math.Clamp(Values[(i * n) + j] / (vol[i] * vol[j]), -1.0, 1.0);
            }
        }

        return rho;
    }
}
