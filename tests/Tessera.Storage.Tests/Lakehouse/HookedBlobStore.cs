using Tessera.Storage.Blobs;

namespace Tessera.Storage.Tests.Lakehouse;

/// <summary>Decorator that runs a hook before a put of a chosen blob: used to force a writer race or a crash at the commit point.</summary>
internal sealed class HookedBlobStore(IBlobStore inner, string blobName, Func<Task> beforePut) : IBlobStore
{
    private int _fired;

    public int Puts { get; private set; }

    public Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default) => inner.CreateContainerIfNotExistsAsync(container, cancellationToken);

    public async Task<string> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobWriteCondition condition = default, string? contentType = null, CancellationToken cancellationToken = default)
    {
        Puts++;
        if (name == blobName && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await beforePut();
        }

        return await inner.PutAsync(container, name, content, condition, contentType, cancellationToken);
    }

    public Task<BlobDownload> GetAsync(string container, string name, BlobRange? range = null, CancellationToken cancellationToken = default) => inner.GetAsync(container, name, range, cancellationToken);

    public Task<BlobProperties?> TryGetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default) => inner.TryGetPropertiesAsync(container, name, cancellationToken);

    public Task<BlobListPage> ListPageAsync(string container, string? prefix, string? marker, int maxResults = 5000, CancellationToken cancellationToken = default) => inner.ListPageAsync(container, prefix, marker, maxResults, cancellationToken);

    public IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix, CancellationToken cancellationToken = default) => inner.ListAsync(container, prefix, cancellationToken);

    public Task<bool> DeleteAsync(string container, string name, string? ifMatchETag = null, CancellationToken cancellationToken = default) => inner.DeleteAsync(container, name, ifMatchETag, cancellationToken);

    public Task<string> CreateAppendBlobAsync(string container, string name, bool createOnly = true, CancellationToken cancellationToken = default) => inner.CreateAppendBlobAsync(container, name, createOnly, cancellationToken);

    public Task<long> AppendBlockAsync(string container, string name, ReadOnlyMemory<byte> block, long? expectedAppendPosition = null, CancellationToken cancellationToken = default) => inner.AppendBlockAsync(container, name, block, expectedAppendPosition, cancellationToken);
}
