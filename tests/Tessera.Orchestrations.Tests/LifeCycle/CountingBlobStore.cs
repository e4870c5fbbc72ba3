using System.Collections.Concurrent;
using Tessera.Storage.Blobs;

namespace Tessera.Orchestrations.Tests.LifeCycle;

/// <summary>
/// Counts put attempts per blob name (an activity that runs again re-attempts its create-only puts) and can
/// fail one chosen put, calling <see cref="OnTrap"/> first: the test's crash point inside a running activity.
/// </summary>
internal sealed class CountingBlobStore(IBlobStore inner) : IBlobStore
{
    public ConcurrentDictionary<string, int> PutAttempts { get; } = new(StringComparer.Ordinal);

    public string? TrapName { get; set; }

    public Action? OnTrap { get; set; }

    public Task<string> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobWriteCondition condition = default, string? contentType = null, CancellationToken cancellationToken = default)
    {
        PutAttempts.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (TrapName is not null && name.EndsWith(TrapName, StringComparison.Ordinal))
        {
            TrapName = null;
            OnTrap?.Invoke();
            return Task.FromException<string>(new IOException("simulated crash inside the activity"));
        }

        return inner.PutAsync(container, name, content, condition, contentType, cancellationToken);
    }

    public Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default) => inner.CreateContainerIfNotExistsAsync(container, cancellationToken);

    public Task<BlobDownload> GetAsync(string container, string name, BlobRange? range = null, CancellationToken cancellationToken = default) => inner.GetAsync(container, name, range, cancellationToken);

    public Task<BlobProperties?> TryGetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default) => inner.TryGetPropertiesAsync(container, name, cancellationToken);

    public Task<BlobListPage> ListPageAsync(string container, string? prefix, string? marker, int maxResults = 5000, CancellationToken cancellationToken = default) => inner.ListPageAsync(container, prefix, marker, maxResults, cancellationToken);

    public IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix, CancellationToken cancellationToken = default) => inner.ListAsync(container, prefix, cancellationToken);

    public Task<bool> DeleteAsync(string container, string name, string? ifMatchETag = null, CancellationToken cancellationToken = default) => inner.DeleteAsync(container, name, ifMatchETag, cancellationToken);

    public Task<string> CreateAppendBlobAsync(string container, string name, bool createOnly = true, CancellationToken cancellationToken = default) => inner.CreateAppendBlobAsync(container, name, createOnly, cancellationToken);

    public Task<long> AppendBlockAsync(string container, string name, ReadOnlyMemory<byte> block, long? expectedAppendPosition = null, CancellationToken cancellationToken = default) => inner.AppendBlockAsync(container, name, block, expectedAppendPosition, cancellationToken);
}
