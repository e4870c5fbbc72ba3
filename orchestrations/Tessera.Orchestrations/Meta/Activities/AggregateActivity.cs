using Tessera.Core.Meta;
using Tessera.Orchestrations.LifeCycle;

namespace Tessera.Orchestrations.Meta.Activities;

/// <summary>Calendar-safe aggregation (<see cref="CalendarAggregation.InnerJoin"/>) of the sleeves' streams; writes meta/returns.json with the dropped dates.</summary>
public static class AggregateActivity
{
    public const string Path = "meta/returns.json";

    public static async Task<AggregateOutput> RunAsync(SleeveStreamsInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var streams = await MetaReads.StreamsAsync(services, input.MetaRunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var matrix = CalendarAggregation.InnerJoin(streams);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.MetaRunId, Path, new MetaReturnsArtifact(matrix.Timestamps, matrix.Sleeves, matrix.Columns, matrix.Baskets, matrix.Dropped), cancellationToken).ConfigureAwait(false);
        var dropped = 0;
        foreach (var d in matrix.Dropped)
        {
            dropped += d.Count;
        }

        return new AggregateOutput(artifact, matrix.Observations, dropped);
    }

    public static MetaReturnsMatrix ToMatrix(MetaReturnsArtifact a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new MetaReturnsMatrix(a.Timestamps, a.Sleeves, a.Returns, a.Baskets, a.Dropped);
    }
}
