using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Estimators;

/// <summary>
/// Exponentially weighted covariance (RiskMetrics): observation t of T gets weight
/// lambda^(T-1-t), normalized to sum 1; returns are centered on the same weighted mean.
/// No small-sample bias correction (weights sum to 1), documented choice. Default lambda 0.94.
/// </summary>
public sealed class EwmaCovarianceEstimator : ICovarianceEstimator
{
    public EwmaCovarianceEstimator(double lambda = 0.94)
    {
        if (!(lambda > 0 && lambda < 1))
        {
            throw new TesseraValidationException("lambda", PortfolioInputValidation.Str(lambda), "the EWMA decay must be in (0, 1)");
        }

        Lambda = lambda;
    }

    public double Lambda { get; }

    public string Name => "ewma";

    public bool RequiresMoreRowsThanAssets => true;

    public CovarianceMatrix Estimate(double[][] returns)
    {
        var p = returns.Length;
        var n = returns[0].Length;
        var w = Weights(n, Lambda);
        var centered = new double[p][];
        for (var j = 0; j < p; j++)
        {
            var col = returns[j];
            var mean = 0.0;
            for (var t = 0; t < n; t++)
            {
                mean += w[t] * col[t];
            }

            var c = new double[n];
            for (var t = 0; t < n; t++)
            {
                c[t] = (col[t] - mean) * Math.Sqrt(w[t]);
            }

            centered[j] = c;
        }

        return new CovarianceMatrix(p, ColumnStatistics.CrossProducts(centered));
    }

    /// <summary>Normalized weights, oldest first: w_t proportional to lambda^(n-1-t).</summary>
    public static double[] Weights(int n, double lambda)
    {
        var w = new double[n];
        var sum = 0.0;
        var v = 1.0;
        for (var t = n - 1; t >= 0; t--)
        {
            w[t] = v;
            sum += v;
            v *= lambda;
        }

        for (var t = 0; t < n; t++)
        {
            w[t] /= sum;
        }

        return w;
    }
}
