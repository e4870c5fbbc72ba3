using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Allocation;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 7 (L4), one branch of the fan-out: one optimizer over the atom streams, capped by max_weight.</summary>
public static class OptimizeActivity
{
    /// <summary>Profile optimizer names -> allocation engines (Tessera.Core.Portfolio.Allocation).</summary>
    public static IAllocator Resolve(string optimizer) => optimizer switch
    {
        "equal_weight" => new EqualWeightAllocator(),
        "inverse_volatility" => new InverseVolatilityAllocator(),
        _ => throw new TesseraValidationException("optimization.optimizers", optimizer, "unknown optimizer"),
    };

    public static async Task<OptimizerOutput> RunAsync(OptimizeInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var allocator = Resolve(input.Optimizer);
        var result = allocator.Allocate(new AllocationProblem
        {
            AssetIds = streams.Atoms,
            Returns = streams.Streams,
            Constraints = new AllocationConstraints { MaxWeight = input.Profile.Optimization.MaxWeight },
        });
        var annualized = result.PortfolioVolatility * Math.Sqrt(252.0);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            $"optimization/{input.Optimizer}.json",
            new OptimizerArtifact(input.Optimizer, streams.Atoms, result.Weights, result.RiskContributions, annualized, result.Diagnostics),
            cancellationToken).ConfigureAwait(false);
        return new OptimizerOutput(input.Optimizer, artifact, streams.Atoms, result.Weights, result.RiskContributions, annualized, result.Diagnostics);
    }
}
