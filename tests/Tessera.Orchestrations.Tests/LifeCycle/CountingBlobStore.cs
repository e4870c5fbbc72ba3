using System.Collections.Concurrent;
using Tessera.Storage.Blobs;
using Tessera.Testing;

namespace Tessera.Orchestrations.Tests.LifeCycle;

/// <summary>
/// Counts put attempts per blob name (an activity that runs again re-attempts its create-only puts) and can
/// fail one chosen put, calling <see cref="OnTrap"/> first: the test's crash point inside a running activity.
/// </summary>
internal sealed class CountingBlobStore(IBlobStore inner) : DelegatingBlobStore(inner)
{
    public ConcurrentDictionary<string, int> PutAttempts { get; } = new(StringComparer.Ordinal);

    public string? TrapName { get; set; }

    public Action? OnTrap { get; set; }

    public override Task<string> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobWriteCondition condition = default, string? contentType = null, CancellationToken cancellationToken = default)
    {
        PutAttempts.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (TrapName is not null && name.EndsWith(TrapName, StringComparison.Ordinal))
        {
            TrapName = null;
            OnTrap?.Invoke();
            return Task.FromException<string>(new IOException("simulated crash inside the activity"));
        }

        return Inner.PutAsync(container, name, content, condition, contentType, cancellationToken);
    }
}
