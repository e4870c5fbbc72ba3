using Tessera.Core.Data;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;
using Tessera.Storage.Lakehouse;
using Tessera.Testing;
using Xunit;

namespace Tessera.Storage.Tests.Lakehouse;

[Collection(AzuriteCollection.Name)]
public sealed class LakehouseTests(AzuriteFixture azurite)
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private BlobStore Store => StorageAccount.FromConnectionString(azurite.ConnectionString).Blobs;

    private async Task<(Tessera.Storage.Lakehouse.Lakehouse Lake, FixedClock Clock, IBlobStore Store)> NewLakeAsync(IBlobStore? store = null, string? container = null)
    {
        var clock = new FixedClock(Start.AddDays(60));
        var s = store ?? Store;
        var lake = new Tessera.Storage.Lakehouse.Lakehouse(s, clock, new LakehouseOptions { Container = container ?? TestNames.Container("lake") });
        await lake.InitializeAsync();
        return (lake, clock, s);
    }

    private static SyntheticDailyMarket Market(int symbols = 4, int days = 40) =>
        SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(symbols, days, 7) { Start = Start });

    private static LakehouseImportRequest Request(IReadOnlyList<BarSeries> series, string source = "test") => new(series, source);

    private async Task<List<BlobProperties>> BlobsAsync(IBlobStore store, string container)
    {
        var list = new List<BlobProperties>();
        await foreach (var b in store.ListAsync(container, null))
        {
            list.Add(b);
        }

        return list;
    }

    [Fact]
    public async Task Import_publishes_version_1_whose_manifest_lists_every_object_with_its_sha256()
    {
        var (lake, _, store) = await NewLakeAsync();
        var market = Market();
        var outcome = await lake.ImportAsync(Request(market.Bars) with { Metadata = market.Symbols.ToDictionary(m => m.Identity) });
        Assert.True(outcome.Published);
        Assert.True(outcome.Succeeded);
        Assert.Equal(1, outcome.Version);
        Assert.Equal(4 * 40, outcome.BarsAdded);

        var snapshot = await lake.OpenSnapshotAsync();
        Assert.Equal(market.Bars.Select(b => b.Symbol).Order(StringComparer.Ordinal), snapshot.Symbols);
        foreach (var entry in snapshot.Manifest.Symbols)
        {
            var blob = await store.GetAsync(lake.Options.Container, entry.Object);
            Assert.Equal(entry.Sha256, Sha256Hex.Of(blob.Content));
            Assert.Equal(entry.Bytes, blob.Content.Length);
            Assert.NotNull(entry.Sector);
        }

        var bars = await BlobsAsync(store, lake.Options.Container);
        Assert.Equal(4, bars.Count(b => b.Name.StartsWith("bars/", StringComparison.Ordinal)));

        var loaded = await snapshot.LoadAsync(market.Bars[2].Symbol);
        Assert.Equal(market.Bars[2].Close, loaded.Close);
        Assert.Equal(market.Bars[2].Timestamps, loaded.Timestamps);
        Assert.Equal("import", Assert.Single(snapshot.Manifest.Lineage).Operation);
    }

    [Fact]
    public async Task Re_importing_the_same_bars_changes_nothing()
    {
        var (lake, _, store) = await NewLakeAsync();
        var market = Market();
        await lake.ImportAsync(Request(market.Bars));
        var before = await BlobsAsync(store, lake.Options.Container);

        var again = await lake.ImportAsync(Request(market.Bars));
        Assert.False(again.Published);
        Assert.True(again.Succeeded);
        Assert.Equal(1, again.Version);
        Assert.Equal(0, again.BarsAdded);
        Assert.Equal(0, again.SymbolsChanged);
        var after = await BlobsAsync(store, lake.Options.Container);
        Assert.Equal(before.Select(b => (b.Name, b.ETag)), after.Select(b => (b.Name, b.ETag)));
    }

    [Fact]
    public async Task Incremental_import_merges_keep_last_and_preserves_history_of_symbols_not_in_the_new_file()
    {
        var (lake, _, _) = await NewLakeAsync();
        var market = Market(3, 40);
        await lake.ImportAsync(Request(market.Bars.Select(b => b.Slice(0, 30)).ToList()));

        // Second file: symbol 0 only, bars 25..39, with bar 25's close revised.
        var tail = market.Bars[0].Slice(25, 15);
        var revised = new BarSeries(tail.Symbol, tail.Timestamps, tail.Open, tail.High, tail.Low, (double[])tail.Close.Clone(), tail.Volume);
        revised.Close[0] = revised.Low[0];
        var outcome = await lake.ImportAsync(Request([revised]));
        var stats = Assert.Single(outcome.Symbols).Stats;
        Assert.Equal(new MergeStats(10, 1, 4), stats);
        Assert.Equal(2, outcome.Version);

        var snapshot = await lake.OpenSnapshotAsync();
        var merged = await snapshot.LoadAsync(market.Bars[0].Symbol);
        Assert.Equal(40, merged.Count);
        Assert.Equal(revised.Low[0], merged.Close[25]);
        Assert.Equal(market.Bars[0].Close[24], merged.Close[24]);
        Assert.Equal(30, (await snapshot.LoadAsync(market.Bars[1].Symbol)).Count);
        Assert.Equal(3, snapshot.Manifest.Symbols.Count);
        Assert.Equal(1, snapshot.Manifest.Find(market.Bars[1].Symbol)!.UpdatedInVersion);
    }

    [Fact]
    public async Task A_pinned_snapshot_keeps_reading_its_version_while_writers_publish_new_ones()
    {
        var (lake, _, store) = await NewLakeAsync();
        var market = Market(2, 30);
        await lake.ImportAsync(Request(market.Bars.Select(b => b.Slice(0, 20)).ToList()));
        var pinned = await lake.OpenSnapshotAsync();

        await lake.ImportAsync(Request(market.Bars));
        var reader = new Tessera.Storage.Lakehouse.Lakehouse(store, new FixedClock(Start), lake.Options);
        var latest = await reader.OpenSnapshotAsync();
        Assert.Equal(2, latest.Version);
        Assert.Equal(30, (await latest.LoadAsync(market.Bars[0].Symbol)).Count);

        Assert.Equal(1, pinned.Version);
        Assert.Equal(20, (await pinned.LoadAsync(market.Bars[0].Symbol)).Count);
        var reopened = await reader.OpenSnapshotAsync(pinned.Lineage);
        Assert.Equal(20, (await reopened.LoadAsync(market.Bars[0].Symbol)).Count);
        Assert.Equal(pinned.Lineage, reopened.Lineage);
    }

    [Fact]
    public async Task Concurrent_writers_cannot_lose_updates_the_loser_of_the_pointer_swap_merges_again()
    {
        var container = TestNames.Container("lake");
        var market = Market(2, 20);
        Tessera.Storage.Lakehouse.Lakehouse? other = null;
        LakehouseImportOutcome? otherOutcome = null;

        // Writer A is stopped at its commit point while writer B imports another symbol and publishes first.
        var hooked = new HookedBlobStore(Store, LakehouseLayout.Pointer, async () => otherOutcome = await other!.ImportAsync(Request([market.Bars[1]], "writer B")));
        var (lakeA, _, _) = await NewLakeAsync(hooked, container);
        (other, _, _) = await NewLakeAsync(Store, container);

        var outcomeA = await lakeA.ImportAsync(Request([market.Bars[0]], "writer A"));
        Assert.Equal(1, otherOutcome!.Version);
        Assert.Equal(2, outcomeA.Attempts);
        Assert.Equal(2, outcomeA.Version);

        var snapshot = await other.OpenSnapshotAsync();
        Assert.Equal(market.Bars.Select(b => b.Symbol).Order(StringComparer.Ordinal), snapshot.Symbols);
        Assert.Equal(["writer B", "writer A"], snapshot.Manifest.Lineage.Select(l => l.Source));
    }

    [Fact]
    public async Task A_failed_import_writes_nothing_visible()
    {
        var container = TestNames.Container("lake");
        var market = Market(2, 20);
        var crashing = new HookedBlobStore(Store, LakehouseLayout.Pointer, () => throw new StorageUnreachableException("test", new IOException("link down")));
        var (lake, _, _) = await NewLakeAsync(crashing, container);
        await Assert.ThrowsAsync<StorageUnreachableException>(() => lake.ImportAsync(Request(market.Bars)));

        var (reader, _, store) = await NewLakeAsync(Store, container);
        var snapshot = await reader.OpenSnapshotAsync();
        Assert.Equal(0, snapshot.Version);
        Assert.Empty(snapshot.Symbols);
        Assert.Null(await store.TryGetPropertiesAsync(container, LakehouseLayout.Pointer));
    }

    [Fact]
    public async Task Invalid_bars_are_refused_before_anything_is_written()
    {
        var (lake, _, store) = await NewLakeAsync();
        var bad = Market(1, 5).Bars[0];
        bad.Close[3] = double.NaN;
        await Assert.ThrowsAnyAsync<TesseraValidationException>(() => lake.ImportAsync(Request([bad])));
        Assert.Empty(await BlobsAsync(store, lake.Options.Container));
    }

    [Fact]
    public async Task Reimporting_unchanged_bars_of_a_stale_symbol_succeeds_unchanged_at_the_same_version()
    {
        // Issue 16 item 4: freshness is a separate audit, not a failure of an idempotent re-import.
        var (lake, clock, _) = await NewLakeAsync();
        var market = Market(2, 20);
        clock.UtcNow = BarSeries.ToUtc(market.Timestamps[^1]).AddHours(24);
        var first = await lake.ImportAsync(Request(market.Bars));
        Assert.True(first.Succeeded);
        Assert.Empty(first.Health);
        Assert.Equal(0, first.StaleSymbols);

        // One hour past the 168 h threshold: both symbols are stale now, but the bars are the same.
        clock.UtcNow = BarSeries.ToUtc(market.Timestamps[^1]).AddHours(169);
        var again = await lake.ImportAsync(Request([market.Bars[0]]));
        Assert.True(again.Succeeded);
        Assert.Empty(again.Failures);
        Assert.False(again.Published);
        Assert.Equal((1, 1), (again.BaseVersion, again.Version));
        Assert.Equal(1, again.StaleSymbols);

        // The audit is where staleness shows: both symbols, measured from the audit's own as-of time.
        var snapshot = await lake.OpenSnapshotAsync();
        Assert.Equal(1, snapshot.Version);
        var audit = await FreshnessAudit.RunAsync(snapshot, clock.UtcNow);
        Assert.Equal(2, audit.StaleCount);

        // Exactly at the threshold (168 h) a symbol is not stale (the rule is age > threshold).
        var atThreshold = await FreshnessAudit.RunAsync(snapshot, BarSeries.ToUtc(market.Timestamps[^1]).AddHours(168));
        Assert.Equal(0, atThreshold.StaleCount);
    }

    [Fact]
    public async Task With_require_fresh_adding_zero_bars_to_a_stale_symbol_is_a_failure_and_nothing_is_published()
    {
        var (lake, clock, _) = await NewLakeAsync();
        var market = Market(2, 20);
        clock.UtcNow = BarSeries.ToUtc(market.Timestamps[^1]).AddHours(24);
        Assert.True((await lake.ImportAsync(Request(market.Bars) with { RequireFresh = true })).Succeeded);

        // 168 h exactly: not stale yet, so even a fresh-requiring import of the same bars succeeds.
        clock.UtcNow = BarSeries.ToUtc(market.Timestamps[^1]).AddHours(168);
        Assert.True((await lake.ImportAsync(Request([market.Bars[0]]) with { RequireFresh = true })).Succeeded);

        clock.UtcNow = BarSeries.ToUtc(market.Timestamps[^1]).AddHours(169);
        var again = await lake.ImportAsync(Request([market.Bars[0]]) with { RequireFresh = true });
        Assert.False(again.Succeeded);
        var failure = Assert.Single(again.Failures);
        Assert.StartsWith(market.Bars[0].Symbol + ": import added 0 bars to a stale symbol", failure, StringComparison.Ordinal);
        Assert.False(again.Published);
        Assert.Equal(1, again.Version);
    }

    [Fact]
    public async Task Stale_verdicts_are_recorded_in_health_with_the_clock_time_when_a_real_change_is_published()
    {
        var (lake, clock, _) = await NewLakeAsync();
        var market = Market(2, 20);
        clock.UtcNow = BarSeries.ToUtc(market.Timestamps[^1]).AddHours(24);
        await lake.ImportAsync(Request(market.Bars.Select(b => b.Slice(0, 19)).ToList()));

        // Symbol 0 gets its last bar (a real change); symbol 1 ends a bar earlier and is stale by then.
        clock.UtcNow = BarSeries.ToUtc(market.Timestamps[^1]).AddHours(169);
        var again = await lake.ImportAsync(Request([market.Bars[0]]));
        Assert.True(again.Published);
        Assert.Equal(2, again.Version);
        Assert.Equal(2, again.Health.Count);
        Assert.All(again.Health, h => Assert.Equal(("stale", clock.UtcNow), (h.Status, h.AtUtc)));
        var snapshot = await lake.OpenSnapshotAsync();
        Assert.Empty(snapshot.HealthySymbols);
    }

    [Fact]
    public async Task A_toxic_symbol_is_recorded_in_the_health_registry_and_left_out_of_the_healthy_universe()
    {
        var (lake, clock, _) = await NewLakeAsync();
        var market = Market(2, 10);
        clock.UtcNow = BarSeries.ToUtc(market.Timestamps[^1]);
        var s = market.Bars[1];
        var close = (double[])s.Close.Clone();
        var high = (double[])s.High.Clone();
        close[5] = s.Close[4] * 7;
        high[5] = close[5];
        var toxic = new BarSeries(s.Symbol, s.Timestamps, s.Open, high, s.Low, close, s.Volume);
        var outcome = await lake.ImportAsync(Request([market.Bars[0], toxic]));
        var entry = Assert.Single(outcome.Health);
        Assert.Equal((s.Symbol, "toxic"), (entry.Symbol, entry.Status));
        Assert.Contains("|r| = 6 > 5", entry.Reason, StringComparison.Ordinal);
        var snapshot = await lake.OpenSnapshotAsync();
        Assert.Equal([market.Bars[0].Symbol], snapshot.HealthySymbols);
        Assert.Equal(2, snapshot.Symbols.Count);
    }

    [Fact]
    public async Task A_corrupted_object_is_detected_on_read()
    {
        var (lake, _, store) = await NewLakeAsync();
        var market = Market(1, 10);
        await lake.ImportAsync(Request(market.Bars));
        var entry = (await lake.OpenSnapshotAsync()).Manifest.Symbols[0];
        var bytes = (await store.GetAsync(lake.Options.Container, entry.Object)).Content;
        bytes[40] ^= 1;
        await store.PutAsync(lake.Options.Container, entry.Object, bytes);

        var fresh = new Tessera.Storage.Lakehouse.Lakehouse(store, new FixedClock(Start), lake.Options);
        var ex = await Assert.ThrowsAsync<LakehouseCorruptException>(async () => await (await fresh.OpenSnapshotAsync()).LoadAsync(entry.Symbol));
        Assert.Equal("SHA-256 differs from the manifest", ex.Rule);
    }

    [Fact]
    public async Task A_missing_container_is_an_error_not_an_empty_lakehouse()
    {
        var lake = new Tessera.Storage.Lakehouse.Lakehouse(Store, new FixedClock(Start), new LakehouseOptions { Container = TestNames.Container("nolake") });
        var ex = await Assert.ThrowsAsync<StorageNotFoundException>(() => lake.OpenSnapshotAsync());
        Assert.Equal("ContainerNotFound", ex.ErrorCode);
    }
}
