namespace Tessera.Storage.Lakehouse;

/// <summary>What a run records to say exactly which data it read: the pinned manifest version and its SHA-256.</summary>
public sealed record SnapshotLineage(string Container, int Version, string Manifest, string ManifestSha256);
