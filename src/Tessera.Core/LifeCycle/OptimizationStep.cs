using Tessera.Core.Metrics;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// One optimizer's result over the atoms: weights and risk contributions in atom order, the in-sample annualized
/// volatility (daily volatility x sqrt(252)), and the engine's diagnostics, led by the fallback line when the
/// policy replaced the engine.
/// </summary>
public sealed record OptimizationOutcome(double[] Weights, double[] RiskContributions, double AnnualizedVolatility, IReadOnlyList<string> Diagnostics);

/// <summary>
/// Step 7 of the atomic life cycle (L4), one branch of the fan-out: one allocation engine over the atoms' streams
/// with historical expected returns and the profile's max weight, through <see cref="AllocationPolicy"/> (an
/// engine that finds the problem infeasible falls back to ERC, and the fallback is recorded).
/// </summary>
public static class OptimizationStep
{
    /// <param name="estimator">the profile's covariance estimator; null is the sample covariance (the engines' default).</param>
    /// <param name="constraints">the profile's sector, ADV and beta constraints over the atoms; null is max weight alone.</param>
    public static OptimizationOutcome Run(IAllocator engine, IReadOnlyList<string> atoms, double[][] streams, double maxWeight, AllocationPolicy? policy = null, ICovarianceEstimator? estimator = null, AtomConstraints? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(atoms);
        ArgumentNullException.ThrowIfNull(streams);
        var result = (policy ?? new AllocationPolicy()).Allocate(engine, new AllocationProblem
        {
            AssetIds = atoms,
            Returns = streams,
            ExpectedReturns = ExpectedReturns.Historical(streams),
            CovarianceEstimator = estimator,
            Betas = constraints?.Betas,
            Constraints = constraints?.ToAllocation(maxWeight) ?? new AllocationConstraints { MaxWeight = maxWeight },
        });
        var diagnostics = new List<string>(result.Diagnostics);
        if (result.FallbackFrom is not null)
        {
            diagnostics.Insert(0, $"fallback from {result.FallbackFrom} to {result.Method}: {result.FallbackReason}");
        }

        return new OptimizationOutcome(result.Weights, result.RiskContributions, result.PortfolioVolatility * Math.Sqrt(Annualization.TradingDaysPerYear), diagnostics);
    }
}
