using Tessera.Core.LifeCycle;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 8c: out-of-sample validation of the chosen optimizer (<see cref="ValidationStep"/>: a rolling walk-forward
/// over the selected atoms' streams with the optimization step's constraints and fallback policy), written to
/// validation/walk_forward.json.
/// </summary>
public static class ValidateActivity
{
    public static async Task<ValidationOutput> RunAsync(ValidateInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var settings = input.Profile.Validation;
        var result = ValidationStep.Run(input.Optimizer.CreateAllocator(), streams.Atoms, streams.Streams, input.Profile.Optimization.MaxWeight, settings.TrainDays, settings.TestDays);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "validation/walk_forward.json",
            new ValidationArtifact(
                input.Optimizer, settings.TrainDays, settings.TestDays, ValidationStep.Mode.ToString().ToLowerInvariant(), result.Splits, result.TotalReturn, result.Cagr, result.Volatility,
                result.Sharpe, result.ProbabilisticSharpe, result.MaxDrawdown, result.ShareOfProfitableSplits, result.MeanSplitSharpe, result.SplitSharpeStdDev, ValidationStep.Caveat),
            cancellationToken).ConfigureAwait(false);
        return new ValidationOutput(artifact, input.Optimizer, result.Splits.Count, result.Sharpe, result.ProbabilisticSharpe, result.MaxDrawdown, result.ShareOfProfitableSplits);
    }
}
