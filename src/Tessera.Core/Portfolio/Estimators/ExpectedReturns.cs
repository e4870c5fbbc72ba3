namespace Tessera.Core.Portfolio.Estimators;

/// <summary>Expected returns per asset from returns in column layout (same period as the data).</summary>
public static class ExpectedReturns
{
    /// <summary>Arithmetic mean of each column.</summary>
    public static double[] Historical(double[][] returns)
    {
        var mu = new double[returns.Length];
        for (var j = 0; j < returns.Length; j++)
        {
            mu[j] = ColumnStatistics.Mean(returns[j]);
        }

        return mu;
    }

    /// <summary>Exponentially weighted mean, weights lambda^(T-1-t) normalized (recent rows weigh most).</summary>
    public static double[] Ewma(double[][] returns, double lambda = 0.94)
    {
        var n = returns[0].Length;
        var w = EwmaCovarianceEstimator.Weights(n, lambda);
        var mu = new double[returns.Length];
        for (var j = 0; j < returns.Length; j++)
        {
            var col = returns[j];
            var s = 0.0;
            for (var t = 0; t < n; t++)
            {
                s += w[t] * col[t];
            }

            mu[j] = s;
        }

        return mu;
    }
}
