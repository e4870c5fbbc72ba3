using Tessera.Alpaca.Model;
using Tessera.Core.Sep;
using Tessera.Storage;
using Tessera.Storage.Errors;
using Tessera.Testing;
using Tessera.Trading.Decisions;
using Tessera.Trading.Sep;
using Xunit;

namespace Tessera.Trading.Tests.Sep;

/// <summary>The SEP desk's state on Azurite: a round trip keeps every field (NaN scores, never-changed guards, intents), writes are compare-and-swap, and a changed instrument set is remapped by symbol.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SepStateStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 13, 14, 0, 0, TimeSpan.Zero);

    private static SepDeskState Sample() => new(
        "20240313T1400Z",
        ["AAA", "BBB", "CCC"],
        new SepAllocatorState(
            [true, false, false],
            [T0, DateTimeOffset.MinValue, T0.AddMinutes(-20)],
            new SepAllocation(T0, [0.75, 0.25, 0], [1, 1.0 / 3, double.NaN], [SepSelection.Guarded, SepSelection.Filled, SepSelection.None], HeldStale: false)),
        [new OrderIntent("d1", "d1", "AAA", OrderSide.Buy, 10m, null, OrderType.Limit, TimeInForce.Ioc, 100.11m, false)],
        ChaseUnfilled: false);

    [Fact]
    public async Task A_state_round_trips_and_a_second_writer_on_the_same_read_loses()
    {
        var store = new SepStateStore(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables);
        var account = Guid.NewGuid().ToString();
        var (none, noTag) = await store.LoadAsync(account);
        Assert.Null(none);
        Assert.Null(noTag);

        var written = Sample();
        await store.SaveAsync(account, written, null);
        var (read, tag) = await store.LoadAsync(account);
        Assert.NotNull(read);
        Assert.Equal(written.LastTick, read.LastTick);
        Assert.Equal(written.Instruments, read.Instruments);
        Assert.Equal(written.Allocator.Admitted, read.Allocator.Admitted);
        Assert.Equal(written.Allocator.ChangedAt, read.Allocator.ChangedAt);
        Assert.Equal(written.Allocator.Previous!.Weights, read.Allocator.Previous!.Weights);
        Assert.Equal(written.Allocator.Previous.Scores, read.Allocator.Previous.Scores); // NaN included
        Assert.Equal(written.Allocator.Previous.Selection, read.Allocator.Previous.Selection);
        Assert.Equal(written.Intents, read.Intents);

        // Two processes read the same row; the first write wins, the second is refused (it must not send its orders).
        await store.SaveAsync(account, written with { LastTick = "20240313T1401Z" }, tag);
        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => store.SaveAsync(account, written with { LastTick = "20240313T1401Z" }, tag));
        await Assert.ThrowsAsync<StorageConflictException>(() => store.SaveAsync(account, written, null));
    }

    [Fact]
    public void A_changed_instrument_set_keeps_known_guards_by_symbol_and_starts_new_ones_fresh()
    {
        var remapped = Sample().For(["CCC", "AAA", "DDD"]);
        Assert.Equal([false, true, false], remapped.Admitted);
        Assert.Equal([T0.AddMinutes(-20), T0, DateTimeOffset.MinValue], remapped.ChangedAt);
        Assert.Equal([0, 0.75, 0], remapped.Previous!.Weights);
        Assert.Equal([SepSelection.None, SepSelection.Guarded, SepSelection.None], remapped.Previous.Selection);
        Assert.True(double.IsNaN(remapped.Previous.Scores[2]));
    }
}
