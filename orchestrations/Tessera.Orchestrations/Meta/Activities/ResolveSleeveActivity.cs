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
/// required artifact is present with the SHA-256 its manifest recorded, and writes the sleeve's stream (its
/// walk-forward out-of-sample returns, held-asset basket, asset weights) into the meta run as sleeves/NAME/stream.json.
/// Missing or altered artifacts, and a run without an out-of-sample stream, are reported, not thrown: the completeness
/// gate decides over all sleeves at once.
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
        if (stream is null)
        {
            // The run predates the recorded out-of-sample stream (or is not one): the meta never falls back to in-sample returns.
            var path = isMeta ? MetaFlattenActivity.StreamPath : SleeveRequirements.WalkForward;
            return new SleeveResolution(input.Sleeve, input.Side, runId, manifest.Workflow, [path + " (" + SleeveRequirements.NoOutOfSampleStream + ")"], 0);
        }

        if (stream.Timestamps.Length == 0)
        {
            return new SleeveResolution(input.Sleeve, input.Side, runId, manifest.Workflow, [], 0);
        }

        var record = await store.WriteJsonAsync(input.MetaRunId, $"sleeves/{input.Sleeve}/stream.json", stream, cancellationToken).ConfigureAwait(false);
        return new SleeveResolution(input.Sleeve, input.Side, runId, manifest.Workflow, [], stream.Timestamps.Length, record);
    }

    private static T Read<T>(Dictionary<string, byte[]> contents, string path) =>
        JsonSerializer.Deserialize<T>(contents[path], ArtifactJson.Options) ?? throw new JsonException(path + " is empty");

    /// <summary>
    /// The sleeve's walk-forward out-of-sample stream (validation/walk_forward.json: the chosen optimizer's test-window
    /// returns with their dates), its held-asset basket on those dates and its asset weights; null when the run's
    /// walk-forward report has no out-of-sample stream.
    /// </summary>
    private static SleeveStreamArtifact? FromAtomic(ResolveSleeveInput input, Dictionary<string, byte[]> contents)
    {
        var validation = Read<ValidationArtifact>(contents, SleeveRequirements.WalkForward);
        if (validation.OutOfSampleTimestamps is not { } dates || validation.OutOfSampleReturns is not { } returns || dates.Length != returns.Length)
        {
            return null;
        }

        var market = Read<MarketArtifact>(contents, "market/returns.json");
        var weights = Read<WeightsArtifact>(contents, "weights.json");
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

        var basket = held.Count == 0 ? new double[dates.Length] : SleeveReturns.Basket(dates, market.Timestamps, market.Symbols, market.Returns, held);
        return new SleeveStreamArtifact(input.Sleeve, input.Side, "atomic_life_cycle", dates, returns, basket, assets, OutOfSampleStream.Kind);
    }

    /// <summary>A nested meta's stream (already the weighted sum of its sleeves' out-of-sample streams); null when it is not one.</summary>
    private static SleeveStreamArtifact? FromMeta(ResolveSleeveInput input, Dictionary<string, byte[]> contents)
    {
        var inner = Read<SleeveStreamArtifact>(contents, MetaFlattenActivity.StreamPath);
        return inner.Stream == OutOfSampleStream.Kind ? inner with { Sleeve = input.Sleeve, Side = input.Side, Workflow = MetaSteps.Workflow } : null;
    }

    /// <summary>What every manifest has: its workflow and the artifacts it lists with their hashes.</summary>
    private sealed record ManifestView(string Workflow, IReadOnlyList<ArtifactRecord> Artifacts);
}
