using System.Text.Json;
using Tessera.Core.Determinism;
using Tessera.Storage.Errors;

namespace Tessera.Orchestrations.Artifacts;

/// <summary>Whether a completed run's manifest and every artifact it lists are present with their recorded hashes.</summary>
public static class ManifestCheck
{
    public static async Task<bool> IsIntactAsync(RunArtifactStore artifacts, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        try
        {
            var manifest = JsonSerializer.Deserialize<ListedArtifacts>(
                await artifacts.ReadAsync(runId, "manifest.json", cancellationToken).ConfigureAwait(false), ArtifactJson.Options);
            if (manifest is null || manifest.Artifacts.Count == 0)
            {
                return false;
            }

            foreach (var a in manifest.Artifacts)
            {
                if (Sha256Hex.Of(await artifacts.ReadAsync(runId, a.Path, cancellationToken).ConfigureAwait(false)) != a.Sha256)
                {
                    return false;
                }
            }

            return true;
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>What every manifest (a life cycle's, a backtest run's) has: the artifacts it lists with their hashes.</summary>
    private sealed record ListedArtifacts(IReadOnlyList<ArtifactRecord> Artifacts);
}
