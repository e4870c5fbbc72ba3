using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 7 (L4), one branch of the fan-out: one optimizer over the atom streams, capped by max_weight (<see cref="OptimizationStep"/>), written to optimization/NAME.json.</summary>
public static class OptimizeActivity
{
    /// <summary>Profile optimizer names -> allocation engines (Tessera.Core.Portfolio.Allocation).</summary>
    public static IAllocator Resolve(string optimizer) =>
        OptimizerNames.ToEngine.TryGetValue(optimizer, out var engine)
            ? Allocators.ByName(engine)
            : throw new TesseraValidationException("optimization.optimizers", optimizer, "unknown optimizer");

    public static async Task<OptimizerOutput> RunAsync(OptimizeInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var result = OptimizationStep.Run(Resolve(input.Optimizer), streams.Atoms, streams.Streams, input.Profile.Optimization.MaxWeight);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            $"optimization/{input.Optimizer}.json",
            new OptimizerArtifact(input.Optimizer, streams.Atoms, result.Weights, result.RiskContributions, result.AnnualizedVolatility, result.Diagnostics),
            cancellationToken).ConfigureAwait(false);
        return new OptimizerOutput(input.Optimizer, artifact);
    }
}
