using Tessera.Storage.Blobs;

namespace Tessera.Testing;

/// <summary>
/// A blob store that forwards every call to <c>inner</c>; tests derive from it and override the one operation
/// they need to observe or break (a put hook, a crash point, a counter).
/// </summary>
public abstract class DelegatingBlobStore(IBlobStore inner) : IBlobStore
{
    protected IBlobStore Inner { get; } = inner;

    public virtual Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default) => Inner.CreateContainerIfNotExistsAsync(container, cancellationToken);

    public virtual Task<string> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobWriteCondition condition = default, string? contentType = null, CancellationToken cancellationToken = default) =>
        Inner.PutAsync(container, name, content, condition, contentType, cancellationToken);

    public virtual Task<BlobDownload> GetAsync(string container, string name, BlobRange? range = null, CancellationToken cancellationToken = default) => Inner.GetAsync(container, name, range, cancellationToken);

    public virtual Task<BlobProperties?> TryGetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default) => Inner.TryGetPropertiesAsync(container, name, cancellationToken);

    public virtual Task<BlobListPage> ListPageAsync(string container, string? prefix, string? marker, int maxResults = 5000, CancellationToken cancellationToken = default) => Inner.ListPageAsync(container, prefix, marker, maxResults, cancellationToken);

    public virtual IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix, CancellationToken cancellationToken = default) => Inner.ListAsync(container, prefix, cancellationToken);

    public virtual Task<bool> DeleteAsync(string container, string name, string? ifMatchETag = null, CancellationToken cancellationToken = default) => Inner.DeleteAsync(container, name, ifMatchETag, cancellationToken);

    public virtual Task<string> CreateAppendBlobAsync(string container, string name, bool createOnly = true, CancellationToken cancellationToken = default) => Inner.CreateAppendBlobAsync(container, name, createOnly, cancellationToken);

    public virtual Task<long> AppendBlockAsync(string container, string name, ReadOnlyMemory<byte> block, long? expectedAppendPosition = null, CancellationToken cancellationToken = default) => Inner.AppendBlockAsync(container, name, block, expectedAppendPosition, cancellationToken);
}
