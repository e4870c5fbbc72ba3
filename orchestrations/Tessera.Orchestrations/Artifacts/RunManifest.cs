using Tessera.Orchestrations.Profiles;

namespace Tessera.Orchestrations.Artifacts;

/// <summary>
/// manifest.json of a run: what ran, on which data (fingerprint of the bars; for lakehouse runs also the pinned
/// snapshot: version, manifest and its SHA-256), with which parameters, and the hash of every artifact.
/// </summary>
public sealed record RunManifest(
    string RunId,
    string Workflow,
    DateTime StartedAtUtc,
    SleeveProfile Profile,
    string DataFingerprint,
    string ChosenOptimizer,
    IReadOnlyList<ArtifactRecord> Artifacts,
    Tessera.Storage.Lakehouse.SnapshotLineage? LakehouseSnapshot = null)
{
    public int ManifestVersion { get; init; } = 1;
}
