namespace Tessera.Core.Portfolio.Estimators;

/// <summary>
/// Unbiased sample covariance, divisor n - 1 (as pandas/numpy.cov). Ledoit-Wolf uses 1/n instead,
/// as its definition in ALGORITHMS.md (sklearn) requires.
/// </summary>
public sealed class SampleCovarianceEstimator : ICovarianceEstimator
{
    public string Name => "sample";

    public bool RequiresMoreRowsThanAssets => true;

    public CovarianceMatrix Estimate(double[][] returns)
    {
        var n = returns[0].Length;
        var values = ColumnStatistics.CenteredCrossProducts(returns);
        var scale = 1.0 / (n - 1);
        for (var k = 0; k < values.Length; k++)
        {
            values[k] *= scale;
        }

        return new CovarianceMatrix(returns.Length, values);
    }
}
