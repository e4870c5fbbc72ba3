using System.Numerics;
using System.Runtime.InteropServices;
using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Estimators;

/// <summary>
/// Ledoit-Wolf shrinkage toward the scaled identity, exactly sklearn's <c>ledoit_wolf</c> (and
/// ALGORITHMS.md): X centered (n x p), S = X'X / n, mu = tr(S)/p, delta = ||S - mu I||_F^2 / p,
/// beta = (1/(p n)) [ (1/n) sum_k ||x_k||^4 - ||S||_F^2 ], s = min(beta, delta)/delta (0 when
/// beta == 0), Sigma = (1 - s) S + s mu I. Note the 1/n divisor (not n - 1), as in sklearn.
/// Works with fewer rows than assets: the shrunk matrix is positive definite whenever s &gt; 0.
/// </summary>
public sealed class LedoitWolfEstimator : ICovarianceEstimator
{
    /// <summary>Serial (one thread): the default, because the life cycle may already run estimations side by side.</summary>
    public LedoitWolfEstimator()
        : this(1)
    {
    }

    /// <summary>
    /// With the X'X kernel split over up to <paramref name="degreeOfParallelism"/> threads (tiles are independent, so the
    /// matrix is bit-identical to the serial one). An explicit option rather than the default: callers that already run
    /// several estimations or activities in parallel would otherwise oversubscribe the cores.
    /// </summary>
    public LedoitWolfEstimator(int degreeOfParallelism)
    {
        DegreeOfParallelism = CheckedDegreeOfParallelism(degreeOfParallelism);
    }

    public string Name => "lw";

    public bool RequiresMoreRowsThanAssets => false;

    public int DegreeOfParallelism { get; }

    public CovarianceMatrix Estimate(double[][] returns) => EstimateWithShrinkage(returns, DegreeOfParallelism).Covariance;

    public static (CovarianceMatrix Covariance, double Shrinkage) EstimateWithShrinkage(double[][] returns) => EstimateWithShrinkage(returns, 1);

    public static (CovarianceMatrix Covariance, double Shrinkage) EstimateWithShrinkage(double[][] returns, int degreeOfParallelism)
    {
        CheckedDegreeOfParallelism(degreeOfParallelism);
        var p = returns.Length;
        var n = returns[0].Length;

        // One pass centres and packs the columns for the X'X kernel; every value is the one the centered copy had.
        using var centered = PackedColumns.Centered(returns, degreeOfParallelism);
        var s = CrossProductKernel.Compute(centered, degreeOfParallelism);

        // S = X'X / n: a division per entry as before, vectorised (each lane divides exactly as the scalar loop did).
        Divide(s, n);
        var trace = 0.0;
        for (var i = 0; i < p; i++)
        {
            trace += s[(i * p) + i];
        }

        // ||S||_F^2 and ||S - mu I||_F^2: two sequential sums in row-major order (their order fixes the bits), run in the
        // same pass so each waits on its own add latency while the other proceeds.
        var mu = trace / p;
        var frobS = 0.0;
        var frobShift = 0.0;
        for (var i = 0; i < p; i++)
        {
            var row = s.AsSpan(i * p, p);
            for (var j = 0; j < row.Length; j++)
            {
                var v = row[j];
                frobS += v * v;
                var d = i == j ? v - mu : v;
                frobShift += d * d;
            }
        }

        var delta = frobShift / p;

        // sum_k ||x_k||^4 over the rows x_k of the centered matrix, in the row-wise order (see PackedColumns).
        var fourth = centered.FourthMomentSum();
        var beta = ((fourth / n) - frobS) / (p * (double)n);
        var shrinkage = beta == 0 || delta == 0 ? 0.0 : Math.Min(beta, delta) / delta;

        // Sigma in place of S (S is not returned); symmetric entry by entry because S is and the same two operations
        // apply to both halves, so the matrix skips the pairwise symmetry check.
        Multiply(s, 1 - shrinkage);

        var shift = shrinkage * mu;
        for (var i = 0; i < p; i++)
        {
            s[(i * p) + i] += shift;
        }

        return (CovarianceMatrix.SymmetricByConstruction(p, s), shrinkage);
    }

    /// <summary>values[k] /= divisor, vectorised: each lane's division is the scalar one, so the bits are the same.</summary>
    private static void Divide(double[] values, double divisor)
    {
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(values.AsSpan());
        var d = new Vector<double>(divisor);
        for (var k = 0; k < vectors.Length; k++)
        {
            vectors[k] /= d;
        }

        for (var k = vectors.Length * Vector<double>.Count; k < values.Length; k++)
        {
            values[k] /= divisor;
        }
    }

    /// <summary>values[k] = factor * values[k], vectorised (bit-identical to the scalar loop, as for <see cref="Divide"/>).</summary>
    private static void Multiply(double[] values, double factor)
    {
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(values.AsSpan());
        var f = new Vector<double>(factor);
        for (var k = 0; k < vectors.Length; k++)
        {
            vectors[k] = f * vectors[k];
        }

        for (var k = vectors.Length * Vector<double>.Count; k < values.Length; k++)
        {
            values[k] = factor * values[k];
        }
    }

    private static int CheckedDegreeOfParallelism(int degreeOfParallelism) => degreeOfParallelism >= 1
        ? degreeOfParallelism
        : throw new TesseraValidationException("degreeOfParallelism", PortfolioInputValidation.Str(degreeOfParallelism), "must be at least 1");
}
