using Tessera.Storage.Blobs;
using Tessera.Testing;

namespace Tessera.Storage.Tests.Lakehouse;

/// <summary>Decorator that runs a hook before a put of a chosen blob: used to force a writer race or a crash at the commit point.</summary>
internal sealed class HookedBlobStore(IBlobStore inner, string blobName, Func<Task> beforePut) : DelegatingBlobStore(inner)
{
    private int _fired;

    public int Puts { get; private set; }

    public override async Task<string> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobWriteCondition condition = default, string? contentType = null, CancellationToken cancellationToken = default)
    {
        Puts++;
        if (name == blobName && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await beforePut();
        }

        return await Inner.PutAsync(container, name, content, condition, contentType, cancellationToken);
    }
}
