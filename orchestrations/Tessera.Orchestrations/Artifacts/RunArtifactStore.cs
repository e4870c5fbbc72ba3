using System.Buffers;
using System.Text.Json;
using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Runs;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;

namespace Tessera.Orchestrations.Artifacts;

/// <summary>
/// Writes and reads a run's artifacts in Blob storage under container <c>runs</c>, prefix <c>&lt;run_id&gt;/</c>.
/// Writes are create-only: a run never overwrites anything. Re-writing identical bytes (an activity
/// re-executed after a crash) is accepted as the same artifact; different bytes at an existing path are an error.
/// </summary>
public sealed class RunArtifactStore
{
    public const string Container = "runs";

    private static readonly SearchValues<char> PathChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./");

    private readonly IBlobStore _blobs;

    public RunArtifactStore(IBlobStore blobs)
    {
        _blobs = blobs;
    }

    public static string BlobName(string runId, string relativePath) => RunId.Validate(runId) + "/" + ValidatePath(relativePath);

    public async Task<ArtifactRecord> WriteAsync(string runId, string relativePath, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        var name = BlobName(runId, relativePath);
        var sha = Sha256Hex.Of(content.Span);
        await _blobs.CreateContainerIfNotExistsAsync(Container, cancellationToken).ConfigureAwait(false);
        try
        {
            await _blobs.PutAsync(Container, name, content, BlobWriteCondition.CreateOnly, contentType, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            var existing = await _blobs.GetAsync(Container, name, null, cancellationToken).ConfigureAwait(false);
            if (Sha256Hex.Of(existing.Content) != sha)
            {
                throw new ArtifactConflictException(name);
            }
        }

        return new ArtifactRecord(relativePath, sha, content.Length, contentType);
    }

    /// <summary>
    /// Writes (or replaces) an observation of the run rather than a result of it: a file no step's output depends on,
    /// never listed in the manifest (forensic_trace.json: the spans of the run, different at every execution). Results
    /// stay write-once through <see cref="WriteAsync"/>.
    /// </summary>
    public async Task WriteObservationAsync(string runId, string relativePath, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        var name = BlobName(runId, relativePath);
        await _blobs.CreateContainerIfNotExistsAsync(Container, cancellationToken).ConfigureAwait(false);
        await _blobs.PutAsync(Container, name, content, BlobWriteCondition.None, contentType, cancellationToken).ConfigureAwait(false);
    }

    public Task<ArtifactRecord> WriteJsonAsync<T>(string runId, string relativePath, T value, CancellationToken cancellationToken = default) =>
        WriteAsync(runId, relativePath, JsonSerializer.SerializeToUtf8Bytes(value, ArtifactJson.Options), "application/json", cancellationToken);

    public async Task<byte[]> ReadAsync(string runId, string relativePath, CancellationToken cancellationToken = default)
    {
        var download = await _blobs.GetAsync(Container, BlobName(runId, relativePath), null, cancellationToken).ConfigureAwait(false);
        return download.Content;
    }

    /// <summary>Reads an artifact and verifies it still has the hash recorded when it was written.</summary>
    public async Task<T> ReadJsonAsync<T>(string runId, ArtifactRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var bytes = await ReadAsync(runId, record.Path, cancellationToken).ConfigureAwait(false);
        if (Sha256Hex.Of(bytes) != record.Sha256)
        {
            throw new ArtifactIntegrityException(BlobName(runId, record.Path), record.Sha256);
        }

        return JsonSerializer.Deserialize<T>(bytes, ArtifactJson.Options)
            ?? throw new ArtifactIntegrityException(BlobName(runId, record.Path), record.Sha256);
    }

    public async Task<IReadOnlyList<string>> ListAsync(string runId, CancellationToken cancellationToken = default)
    {
        var prefix = RunId.Validate(runId) + "/";
        var names = new List<string>();
        try
        {
            await foreach (var blob in _blobs.ListAsync(Container, prefix, cancellationToken).ConfigureAwait(false))
            {
                names.Add(blob.Name[prefix.Length..]);
            }
        }
        catch (StorageNotFoundException)
        {
            // container not created yet: no runs
        }

        return names;
    }

    private static string ValidatePath(string relativePath)
    {
        if (string.IsNullOrEmpty(relativePath) || relativePath.Length > 200 || relativePath.AsSpan().IndexOfAnyExcept(PathChars) >= 0
            || relativePath.StartsWith('/') || relativePath.EndsWith('/') || relativePath.Contains("..", StringComparison.Ordinal)
            || relativePath.Contains("//", StringComparison.Ordinal))
        {
            throw new TesseraValidationException("artifact.path", relativePath, "artifact paths are relative, 1..200 chars of [A-Za-z0-9_.-/], without '..' or empty segments");
        }

        return relativePath;
    }
}

/// <summary>An artifact path already holds different bytes: runs are write-once.</summary>
public sealed class ArtifactConflictException(string blobName)
    : InvalidOperationException($"artifact {blobName} already exists with different content; run artifacts are write-once");

/// <summary>An artifact's bytes no longer match the SHA-256 recorded for it.</summary>
public sealed class ArtifactIntegrityException(string blobName, string expectedSha256)
    : InvalidOperationException($"artifact {blobName} does not match its recorded SHA-256 {expectedSha256}");
