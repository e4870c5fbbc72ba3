using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Tessera.Core.Portfolio.Estimators;

/// <summary>Symmetric eigen-decomposition (MathNet), eigenvalues ascending.</summary>
public sealed class SpectralDecomposition
{
    private SpectralDecomposition(double[] values, Matrix<double> vectors)
    {
        EigenValues = values;
        Vectors = vectors;
    }

    public double[] EigenValues { get; }

    internal Matrix<double> Vectors { get; }

    public double MinEigenValue => EigenValues[0];

    public double MaxEigenValue => EigenValues[^1];

    /// <summary>kappa = lambda_max / lambda_min; +infinity when the matrix is not positive definite.</summary>
    public double ConditionNumber => MinEigenValue > 0 ? MaxEigenValue / MinEigenValue : double.PositiveInfinity;

    public static SpectralDecomposition Of(CovarianceMatrix covariance)
    {
        var n = covariance.Size;
        var m = Matrix<double>.Build.DenseOfColumnMajor(n, n, covariance.Values);
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = evd.EigenValues[i].Real;
        }

        // MathNet returns symmetric eigenvalues ascending; keep that order with the vectors.
        return new SpectralDecomposition(values, evd.EigenVectors);
    }

    /// <summary>V diag(values) V', symmetrized exactly.</summary>
    internal CovarianceMatrix Rebuild(double[] values)
    {
        var n = values.Length;
        var v = Vectors;
        var result = new double[n * n];
        var scaled = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                scaled[k] = v[i, k] * values[k];
            }

            for (var j = 0; j <= i; j++)
            {
                var s = 0.0;
                for (var k = 0; k < n; k++)
                {
                    s += scaled[k] * v[j, k];
                }

                result[(i * n) + j] = s;
                result[(j * n) + i] = s;
            }
        }

        return new CovarianceMatrix(n, result);
    }
}
