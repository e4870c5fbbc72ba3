using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 8c: out-of-sample validation of the chosen optimizer (<see cref="ValidationStep"/>: a rolling walk-forward
/// over the selected atoms' streams with the optimization step's constraints and fallback policy), written to
/// validation/walk_forward.json with the out-of-sample daily stream and its dates (what a meta uses). The profile's covariance estimator is used (sample when absent). With
/// validation.purged_cv, a purged K-fold of the same engine (gap and embargo: the Alpha blueprint's 10 bars and 0.01 by
/// default) is written to validation/purged_cv.json.
/// </summary>
public static class ValidateActivity
{
    public static async Task<ValidationOutput> RunAsync(ValidateInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var settings = input.Profile.Validation;
        var estimator = input.Profile.Optimization.Estimator is { } name ? CovarianceEstimators.ByName(name) : null;
        var result = ValidationStep.Run(input.Optimizer.CreateAllocator(), streams.Atoms, streams.Streams, input.Profile.Optimization.MaxWeight, settings.TrainDays, settings.TestDays, estimator);
        ArtifactRecord? purged = null;
        if (settings.PurgedCv is { } cv)
        {
            var folds = ValidationStep.PurgedCv(input.Optimizer.CreateAllocator(), streams.Atoms, streams.Streams, input.Profile.Optimization.MaxWeight, cv.Folds, cv.LabelHorizon, cv.EmbargoPct, cv.Gap, estimator);
            purged = await services.Artifacts.WriteJsonAsync(input.RunId, "validation/purged_cv.json", folds, cancellationToken).ConfigureAwait(false);
        }

        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "validation/walk_forward.json",
            new ValidationArtifact(
                input.Optimizer, settings.TrainDays, settings.TestDays, ValidationStep.Mode.ToString().ToLowerInvariant(), result.Splits, result.TotalReturn, result.Cagr, result.Volatility,
                result.Sharpe, result.ProbabilisticSharpe, result.MaxDrawdown, result.ShareOfProfitableSplits, result.MeanSplitSharpe, result.SplitSharpeStdDev, ValidationStep.Caveat,
                Tessera.Core.Meta.OutOfSampleStream.Dates(streams.Timestamps, result.Splits, result.OutOfSampleReturns.Length), result.OutOfSampleReturns),
            cancellationToken).ConfigureAwait(false);
        return new ValidationOutput(artifact, input.Optimizer, result.Splits.Count, result.Sharpe, result.ProbabilisticSharpe, result.MaxDrawdown, result.ShareOfProfitableSplits, purged);
    }
}
