using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Clustering;

/// <summary>
/// d_ij = sqrt(0.5 (1 - rho_ij)) (Lopez de Prado 2016): a metric on correlations, 0 for rho = 1,
/// 1 for rho = -1. Flat row-major n x n.
/// </summary>
public static class CorrelationDistance
{
    public static double[] FromCorrelation(double[] rho, int n)
    {
        var d = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                d[(i * n) + j] = i == j ? 0.0 : Math.Sqrt(Math.Max(0.0, 0.5 * (1.0 - rho[(i * n) + j])));
            }
        }

        return d;
    }

    public static double[] FromCovariance(CovarianceMatrix covariance) => FromCorrelation(covariance.Correlation(), covariance.Size);

    public static double[] FromReturns(double[][] returns) => FromCovariance(new SampleCovarianceEstimator().Estimate(returns));
}
