using Tessera.Orchestrations.Profiles;

namespace Tessera.Orchestrations.Artifacts;

/// <summary>manifest.json of a run: what ran, on which data, with which parameters, and the hash of every artifact.</summary>
public sealed record RunManifest(
    string RunId,
    string Workflow,
    DateTime StartedAtUtc,
    SleeveProfile Profile,
    string DataFingerprint,
    string ChosenOptimizer,
    IReadOnlyList<ArtifactRecord> Artifacts)
{
    public int ManifestVersion { get; init; } = 1;
}
