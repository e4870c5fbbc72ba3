using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 7 (L4), one branch of the fan-out: one optimizer over the atom streams, capped by max_weight.</summary>
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
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var allocator = Resolve(input.Optimizer);

        // The policy records a fallback to ERC (and why) when an engine finds the problem infeasible.
        var result = new AllocationPolicy().Allocate(allocator, new AllocationProblem
        {
            AssetIds = streams.Atoms,
            Returns = streams.Streams,
            ExpectedReturns = ExpectedReturns.Historical(streams.Streams),
            Constraints = new AllocationConstraints { MaxWeight = input.Profile.Optimization.MaxWeight },
        });
        var diagnostics = new List<string>(result.Diagnostics);
        if (result.FallbackFrom is not null)
        {
            diagnostics.Insert(0, $"fallback from {result.FallbackFrom} to {result.Method}: {result.FallbackReason}");
        }

        var annualized = result.PortfolioVolatility * Math.Sqrt(252.0);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            $"optimization/{input.Optimizer}.json",
            new OptimizerArtifact(input.Optimizer, streams.Atoms, result.Weights, result.RiskContributions, annualized, diagnostics),
            cancellationToken).ConfigureAwait(false);
        return new OptimizerOutput(input.Optimizer, artifact, streams.Atoms, result.Weights, result.RiskContributions, annualized, diagnostics);
    }
}
