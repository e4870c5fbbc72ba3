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
    public string Name => "lw";

    public bool RequiresMoreRowsThanAssets => false;

    public CovarianceMatrix Estimate(double[][] returns) => EstimateWithShrinkage(returns).Covariance;

    public static (CovarianceMatrix Covariance, double Shrinkage) EstimateWithShrinkage(double[][] returns)
    {
        var p = returns.Length;
        var n = returns[0].Length;
        var centered = ColumnStatistics.Centered(returns);
        var s = ColumnStatistics.CrossProducts(centered);
        for (var k = 0; k < s.Length; k++)
        {
            s[k] /= n;
        }

        var trace = 0.0;
        for (var i = 0; i < p; i++)
        {
            trace += s[(i * p) + i];
        }

        var mu = trace / p;
        var frobS = 0.0;
        var frobShift = 0.0;
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                var v = s[(i * p) + j];
                frobS += v * v;
                var d = i == j ? v - mu : v;
                frobShift += d * d;
            }
        }

        var delta = frobShift / p;

        // sum_k ||x_k||^4 over the rows x_k of the centered matrix. Each row's squared norm is accumulated column by
        // column (contiguous, vectorisable across rows) in the same order j = 0..p-1 as a row-wise loop would, so the
        // sum is the same to the last bit without striding across p arrays per row.
        var norms = new double[n];
        for (var j = 0; j < p; j++)
        {
            var col = centered[j];
            for (var t = 0; t < n; t++)
            {
                norms[t] += col[t] * col[t];
            }
        }

        var fourth = 0.0;
        for (var t = 0; t < n; t++)
        {
            fourth += norms[t] * norms[t];
        }

        var beta = ((fourth / n) - frobS) / (p * (double)n);
        var shrinkage = beta == 0 || delta == 0 ? 0.0 : Math.Min(beta, delta) / delta;
        var sigma = new double[p * p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                sigma[(i * p) + j] = (1 - shrinkage) * s[(i * p) + j];
            }

            sigma[(i * p) + i] += shrinkage * mu;
        }

        return (new CovarianceMatrix(p, sigma), shrinkage);
    }
}
