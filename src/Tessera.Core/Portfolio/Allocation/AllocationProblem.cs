using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// Everything an allocator may use. Returns are in column layout (one double[] per asset, same
/// length), plain arrays so any returns container can hand them over. When
/// <see cref="Covariance"/> is null the engines estimate it from <see cref="Returns"/> with
/// <see cref="CovarianceEstimator"/> (sample by default).
/// </summary>
public sealed class AllocationProblem
{
    public required IReadOnlyList<string> AssetIds { get; init; }

    public double[][]? Returns { get; init; }

    public CovarianceMatrix? Covariance { get; init; }

    public ICovarianceEstimator? CovarianceEstimator { get; init; }

    /// <summary>Expected returns per asset, same period as the covariance (max-Sharpe needs them).</summary>
    public double[]? ExpectedReturns { get; init; }

    public double RiskFreeRate { get; init; }

    /// <summary>Betas against the benchmark (needed by the beta band).</summary>
    public double[]? Betas { get; init; }

    /// <summary>Risk budgets for risk budgeting (ERC when null): positive, normalized to sum 1.</summary>
    public double[]? RiskBudgets { get; init; }

    public AllocationConstraints Constraints { get; init; } = AllocationConstraints.None;

    public int Count => AssetIds.Count;

    /// <summary>
    /// The covariance to allocate with: the one given, or one estimated from the returns.
    /// Validates the inputs (ids unique, returns finite, no constant column, enough rows).
    /// </summary>
    public CovarianceMatrix ResolveCovariance()
    {
        PortfolioInputValidation.RequireAssetIds(AssetIds);
        if (Covariance is { } given)
        {
            if (given.Size != AssetIds.Count)
            {
                throw new TesseraValidationException("covariance", PortfolioInputValidation.Str(given.Size) + " x " + PortfolioInputValidation.Str(given.Size), "covariance size must equal the number of assets (" + PortfolioInputValidation.Str(AssetIds.Count) + ")");
            }

            return given;
        }

        if (Returns is null)
        {
            throw new TesseraValidationException("returns", null, "either a covariance or a returns matrix is required");
        }

        var estimator = CovarianceEstimator ?? new SampleCovarianceEstimator();
        PortfolioInputValidation.RequireReturns(AssetIds, Returns, estimator.RequiresMoreRowsThanAssets);
        return estimator.Estimate(Returns);
    }
}
