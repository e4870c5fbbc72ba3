namespace Tessera.Orchestrations.Artifacts;

/// <summary>One artifact of a run: its path under runs/&lt;run_id&gt;/, SHA-256 and size. Listed in the run manifest.</summary>
public sealed record ArtifactRecord(string Path, string Sha256, long Length, string ContentType);
