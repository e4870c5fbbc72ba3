using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Core.Validation;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 8c: out-of-sample validation of the chosen optimizer: a rolling walk-forward over the selected atoms'
/// streams (fit on train_days, hold the weights on test_days), with the same constraints and fallback policy
/// as the optimization step.
/// </summary>
public static class ValidateActivity
{
    /// <summary>Stated in the report: the atoms themselves were chosen with the whole sample.</summary>
    public const string Caveat =
        "validates the allocation method on the selected atoms; the atoms were selected with the whole sample, so the selection step itself is not validated out of sample here";

    public static async Task<ValidationOutput> RunAsync(ValidateInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var allocator = OptimizeActivity.Resolve(input.Optimizer);
        var policy = new AllocationPolicy();
        var settings = input.Profile.Validation;
        var result = AllocationWalkForward.Run(
            streams.Streams,
            train => policy.Allocate(allocator, new AllocationProblem
            {
                AssetIds = streams.Atoms,
                Returns = train,
                ExpectedReturns = ExpectedReturns.Historical(train),
                Constraints = new AllocationConstraints { MaxWeight = input.Profile.Optimization.MaxWeight },
            }).Weights,
            settings.TrainDays,
            settings.TestDays,
            WalkForwardMode.Rolling);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "validation/walk_forward.json",
            new ValidationArtifact(
                input.Optimizer, settings.TrainDays, settings.TestDays, "rolling", result.Splits, result.TotalReturn, result.Cagr, result.Volatility,
                result.Sharpe, result.ProbabilisticSharpe, result.MaxDrawdown, result.ShareOfProfitableSplits, result.MeanSplitSharpe, result.SplitSharpeStdDev, Caveat),
            cancellationToken).ConfigureAwait(false);
        return new ValidationOutput(artifact, input.Optimizer, result.Splits.Count, result.Sharpe, result.ProbabilisticSharpe, result.MaxDrawdown, result.ShareOfProfitableSplits);
    }
}
