namespace Tessera.Core.Portfolio.Estimators;

/// <summary>A covariance estimator over returns in column layout (one double[] per asset).</summary>
public interface ICovarianceEstimator
{
    string Name { get; }

    /// <summary>True when the estimate is singular unless there are more rows than assets.</summary>
    bool RequiresMoreRowsThanAssets { get; }

    CovarianceMatrix Estimate(double[][] returns);
}
