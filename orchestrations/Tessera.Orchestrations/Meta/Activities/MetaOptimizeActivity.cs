using Tessera.Core.Meta;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Orchestrations.LifeCycle;

namespace Tessera.Orchestrations.Meta.Activities;

/// <summary>The meta optimization (<see cref="MetaOptimization"/>) over the joined sleeve returns; writes meta/optimization.json with the hedge ratio.</summary>
public static class MetaOptimizeActivity
{
    public const string Path = "meta/optimization.json";

    public const string HedgeRatioDefinition = "short-leg gross asset exposure / long-leg gross asset exposure = sum_{s short} W_s g_s / sum_{s long} W_s g_s, g_s = sum_a |w_s,a|";

    public static async Task<MetaOptimizeOutput> RunAsync(MetaOptimizeInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var matrix = AggregateActivity.ToMatrix(await services.Artifacts.ReadJsonAsync<MetaReturnsArtifact>(input.MetaRunId, input.Returns, cancellationToken).ConfigureAwait(false));
        var streams = await MetaReads.StreamsAsync(services, input.MetaRunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var allocation = MetaOptimization.Run(Optimizer.Parse(input.Optimizer, "optimizer"), matrix, input.Caps, streams);
        var sides = new Tessera.Core.Side[streams.Count];
        for (var i = 0; i < sides.Length; i++)
        {
            sides[i] = streams[i].Side;
        }

        var artifact = await services.Artifacts.WriteJsonAsync(
            input.MetaRunId,
            Path,
            new MetaOptimizationArtifact(allocation.Optimizer, allocation.Sleeves, sides, [.. input.Caps], allocation.Weights, allocation.RiskContributions, allocation.AnnualizedVolatility,
                allocation.LongLegWeight, allocation.ShortLegWeight, allocation.HedgeRatio, HedgeRatioDefinition, allocation.Diagnostics),
            cancellationToken).ConfigureAwait(false);
        return new MetaOptimizeOutput(artifact, allocation.Optimizer, allocation.Weights, allocation.HedgeRatio, allocation.LongLegWeight, allocation.ShortLegWeight);
    }
}
