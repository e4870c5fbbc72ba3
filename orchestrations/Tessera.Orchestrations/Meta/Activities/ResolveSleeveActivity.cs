using System.Text.Json;
using Tessera.Core;
using Tessera.Core.Determinism;
using Tessera.Core.Meta;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Storage.Errors;

namespace Tessera.Orchestrations.Meta.Activities;

/// <summary>
/// Fan-in, per sleeve: reads the sleeve's completed run (atomic or meta, by its manifest's workflow), checks every
/// required artifact is present with the SHA-256 its manifest recorded, and writes the sleeve's stream (returns as
/// traded, held-asset basket, asset weights) into the meta run as sleeves/NAME/stream.json. Missing or altered
/// artifacts are reported, not thrown: the completeness gate decides over all sleeves at once.
/// </summary>
public static class ResolveSleeveActivity
{
    public static async Task<SleeveResolution> RunAsync(ResolveSleeveInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var store = services.Artifacts;
        if (string.IsNullOrEmpty(input.SleeveRunId))
        {
            return new SleeveResolution(input.Sleeve, input.Side, null, null, [], 0);
        }

        var runId = input.SleeveRunId;
        ManifestView? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ManifestView>(await store.ReadAsync(runId, SleeveRequirements.Manifest, cancellationToken).ConfigureAwait(false), ArtifactJson.Options);
        }
        catch (StorageNotFoundException)
        {
            manifest = null;
        }
        catch (JsonException)
        {
            manifest = null;
        }

        if (manifest is null)
        {
            return new SleeveResolution(input.Sleeve, input.Side, runId, null, [SleeveRequirements.Manifest], 0);
        }

        var isMeta = manifest.Workflow == MetaSteps.Workflow;
        var required = isMeta ? SleeveRequirements.Meta : SleeveRequirements.Atomic;
        var missing = new List<string>();
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in required)
        {
            if (path == SleeveRequirements.Manifest)
            {
                continue;
            }

            var listed = manifest.Artifacts.FirstOrDefault(a => a.Path == path);
            if (listed is null)
            {
                missing.Add(path + " (not in the run's manifest)");
                continue;
            }

            try
            {
                var bytes = await store.ReadAsync(runId, path, cancellationToken).ConfigureAwait(false);
                if (Sha256Hex.Of(bytes) != listed.Sha256)
                {
                    missing.Add(path + " (does not match its manifest hash)");
                }
                else
                {
                    contents[path] = bytes;
                }
            }
            catch (StorageNotFoundException)
            {
                missing.Add(path);
            }
        }

        if (missing.Count > 0)
        {
            return new SleeveResolution(input.Sleeve, input.Side, runId, manifest.Workflow, missing, 0);
        }

        var stream = isMeta ? FromMeta(input, contents) : FromAtomic(input, contents);
        if (stream.Timestamps.Length == 0)
        {
            return new SleeveResolution(input.Sleeve, input.Side, runId, manifest.Workflow, [], 0);
        }

        var record = await store.WriteJsonAsync(input.MetaRunId, $"sleeves/{input.Sleeve}/stream.json", stream, cancellationToken).ConfigureAwait(false);
        return new SleeveResolution(input.Sleeve, input.Side, runId, manifest.Workflow, [], stream.Timestamps.Length, record);
    }

    private static T Read<T>(Dictionary<string, byte[]> contents, string path) =>
        JsonSerializer.Deserialize<T>(contents[path], ArtifactJson.Options) ?? throw new JsonException(path + " is empty");

    private static SleeveStreamArtifact FromAtomic(ResolveSleeveInput input, Dictionary<string, byte[]> contents)
    {
        var choice = Read<ChoiceArtifact>(contents, "optimization/choice.json");
        var streams = Read<StreamsArtifact>(contents, "synthesis/streams.json");
        var market = Read<MarketArtifact>(contents, "market/returns.json");
        var weights = Read<WeightsArtifact>(contents, "weights.json");
        var returns = SleeveReturns.AsTraded(choice.Atoms, choice.Weights, streams.Atoms, streams.Streams, streams.Timestamps.Length);
        var held = new List<string>();
        var assets = new List<SleeveAssetWeight>(weights.Weights.Count);
        foreach (var w in weights.Weights)
        {
            assets.Add(new SleeveAssetWeight(w.Symbol, w.Sector, w.Weight));
            if (w.Weight != 0)
            {
                held.Add(w.Symbol);
            }
        }

        var basket = held.Count == 0 ? new double[streams.Timestamps.Length] : SleeveReturns.Basket(streams.Timestamps, market.Timestamps, market.Symbols, market.Returns, held);
        return new SleeveStreamArtifact(input.Sleeve, input.Side, "atomic_life_cycle", streams.Timestamps, returns, basket, assets);
    }

    private static SleeveStreamArtifact FromMeta(ResolveSleeveInput input, Dictionary<string, byte[]> contents)
    {
        var inner = Read<SleeveStreamArtifact>(contents, "meta/stream.json");
        return inner with { Sleeve = input.Sleeve, Side = input.Side, Workflow = MetaSteps.Workflow };
    }

    /// <summary>What every manifest has: its workflow and the artifacts it lists with their hashes.</summary>
    private sealed record ManifestView(string Workflow, IReadOnlyList<ArtifactRecord> Artifacts);
}
