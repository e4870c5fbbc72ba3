using Tessera.Storage.Blobs;
using Tessera.Testing;

namespace Tessera.Trading.Tests.Ledger;

/// <summary>
/// Appends through to the real store, then runs <see cref="AfterAppend"/> (which may throw, to lose the answer of an
/// append that landed, or let another writer in first). <see cref="BeforeAppend"/> may throw to fail without writing.
/// </summary>
internal sealed class FaultyBlobStore(IBlobStore inner) : DelegatingBlobStore(inner)
{
    public Func<int, Task>? BeforeAppend { get; set; }

    public Func<int, Task>? AfterAppend { get; set; }

    public int AppendCalls { get; private set; }

    public override async Task<long> AppendBlockAsync(string container, string name, ReadOnlyMemory<byte> block, long? expectedAppendPosition = null, CancellationToken cancellationToken = default)
    {
        var call = ++AppendCalls;
        if (BeforeAppend is { } before)
        {
            await before(call);
        }

        var offset = await Inner.AppendBlockAsync(container, name, block, expectedAppendPosition, cancellationToken);
        if (AfterAppend is { } after)
        {
            await after(call);
        }

        return offset;
    }
}
