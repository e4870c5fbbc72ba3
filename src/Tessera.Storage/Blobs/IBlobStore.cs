namespace Tessera.Storage.Blobs;

/// <summary>Condition for a blob write.</summary>
public readonly record struct BlobWriteCondition(string? IfMatchETag, bool IfNoneExists)
{
    public static BlobWriteCondition None => default;

    /// <summary>Create-only: fails with a conflict when the blob already exists.</summary>
    public static BlobWriteCondition CreateOnly => new(null, true);

    /// <summary>Compare-and-swap: fails with precondition-failed unless the blob's ETag still equals <paramref name="etag"/>.</summary>
    public static BlobWriteCondition IfMatch(string etag) => new(etag, false);
}

/// <summary>Byte range [Offset, Offset + Length) of a blob; Length null = to the end.</summary>
public readonly record struct BlobRange(long Offset, long? Length);

public sealed record BlobProperties(string Name, long Length, string ETag, DateTimeOffset LastModified, string? ContentType, string BlobType);

public sealed record BlobDownload(byte[] Content, BlobProperties Properties);

public sealed record BlobListPage(IReadOnlyList<BlobProperties> Items, string? NextMarker);

/// <summary>
/// Blob storage operations Tessera needs. One implementation, <see cref="BlobStore"/> over Azure.Storage.Blobs, serves
/// Azurite and Azure. Errors are typed: StorageNotFoundException, StorageConflictException,
/// StoragePreconditionFailedException, StorageUnreachableException (all StorageRequestException).
/// </summary>
public interface IBlobStore
{
    Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Put a block blob in one request; returns the new ETag.</summary>
    Task<string> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobWriteCondition condition = default, string? contentType = null, CancellationToken cancellationToken = default);

    Task<BlobDownload> GetAsync(string container, string name, BlobRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>Properties only (HEAD), or null when the blob does not exist (a missing container is StorageNotFoundException).</summary>
    Task<BlobProperties?> TryGetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default);

    Task<BlobListPage> ListPageAsync(string container, string? prefix, string? marker, int maxResults = 5000, CancellationToken cancellationToken = default);

    /// <summary>All blobs under the prefix, following NextMarker across pages.</summary>
    IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; returns false when it did not exist (a missing container is StorageNotFoundException).</summary>
    Task<bool> DeleteAsync(string container, string name, string? ifMatchETag = null, CancellationToken cancellationToken = default);

    /// <summary>Creates an empty append blob (create-only when <paramref name="createOnly"/>); returns its ETag.</summary>
    Task<string> CreateAppendBlobAsync(string container, string name, bool createOnly = true, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a block. With <paramref name="expectedAppendPosition"/> the append only happens when the
    /// blob's current length equals it (412 otherwise): the way to serialize concurrent writers.
    /// Returns the offset at which the block was written.
    /// </summary>
    Task<long> AppendBlockAsync(string container, string name, ReadOnlyMemory<byte> block, long? expectedAppendPosition = null, CancellationToken cancellationToken = default);
}
