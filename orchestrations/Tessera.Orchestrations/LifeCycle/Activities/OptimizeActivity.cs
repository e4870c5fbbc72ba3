using Tessera.Core.LifeCycle;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 7 (L4), one branch of the fan-out: one optimizer over the atom streams, capped by max_weight (<see cref="OptimizationStep"/>), written to optimization/NAME.json.</summary>
public static class OptimizeActivity
{
    public static async Task<OptimizerOutput> RunAsync(OptimizeInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var result = OptimizationStep.Run(input.Optimizer.CreateAllocator(), streams.Atoms, streams.Streams, input.Profile.Optimization.MaxWeight);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            $"optimization/{input.Optimizer.Name}.json",
            new OptimizerArtifact(input.Optimizer, streams.Atoms, result.Weights, result.RiskContributions, result.AnnualizedVolatility, result.Diagnostics),
            cancellationToken).ConfigureAwait(false);
        return new OptimizerOutput(input.Optimizer, artifact);
    }
}
