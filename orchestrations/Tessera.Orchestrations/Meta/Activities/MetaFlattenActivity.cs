using System.Globalization;
using System.Text;
using Tessera.Core;
using Tessera.Core.Meta;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;

namespace Tessera.Orchestrations.Meta.Activities;

/// <summary>
/// Meta weights -> sleeve weights -> asset weights (<see cref="MetaFlattening"/>, caps re-applied after netting);
/// writes weights.json, weights.csv and meta/stream.json: the meta as a sleeve of a parent meta (its returns
/// m_t = sum_s W_s r_s,t and basket sum_s W_s b_s,t on the joined dates, its asset weights).
/// </summary>
public static class MetaFlattenActivity
{
    public const string StreamPath = "meta/stream.json";

    public static async Task<MetaFlattenOutput> RunAsync(MetaFlattenInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var store = services.Artifacts;
        var streams = await MetaReads.StreamsAsync(services, input.MetaRunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var optimization = await store.ReadJsonAsync<MetaOptimizationArtifact>(input.MetaRunId, input.Optimization, cancellationToken).ConfigureAwait(false);
        var matrix = AggregateActivity.ToMatrix(await store.ReadJsonAsync<MetaReturnsArtifact>(input.MetaRunId, input.Returns, cancellationToken).ConfigureAwait(false));
        var flat = MetaFlattening.Flatten(optimization.Weights, streams, input.MaxAssetWeight);
        var csv = new StringBuilder("symbol,sector,weight,long_weight,short_weight,capped\n");
        var assets = new List<SleeveAssetWeight>(flat.Weights.Count);
        foreach (var w in flat.Weights)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{CsvText.Field(w.Symbol)},{CsvText.Field(w.Sector)},{w.Weight:R},{w.LongWeight:R},{w.ShortWeight:R},{(w.Capped ? "yes" : "no")}\n");
            assets.Add(new SleeveAssetWeight(w.Symbol, w.Sector, w.Weight));
        }

        var json = await store.WriteJsonAsync(
            input.MetaRunId, "weights.json",
            new MetaWeightsArtifact(optimization.Optimizer, flat.GrossExposure, flat.NetExposure, flat.CappedAway, input.MaxAssetWeight, flat.Weights, flat.Notes),
            cancellationToken).ConfigureAwait(false);
        var csvRecord = await store.WriteAsync(input.MetaRunId, "weights.csv", Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", cancellationToken).ConfigureAwait(false);
        var stream = new SleeveStreamArtifact(
            "meta", Side.Long, MetaSteps.Workflow, matrix.Timestamps,
            MetaOptimization.Combine(matrix, optimization.Weights), MetaOptimization.Combine(matrix, optimization.Weights, baskets: true), assets,
            OutOfSampleStream.Kind); // the sleeves' streams are all out-of-sample (ResolveSleeve writes no other kind)
        var streamRecord = await store.WriteJsonAsync(input.MetaRunId, StreamPath, stream, cancellationToken).ConfigureAwait(false);
        return new MetaFlattenOutput(json, csvRecord, streamRecord, flat.Weights.Count, flat.GrossExposure, flat.NetExposure);
    }
}
