using Tessera.Core.Data;
using Tessera.Core.Data.Synthetic;
using Tessera.Storage.Lakehouse;
using Tessera.Testing;
using Xunit;

namespace Tessera.Storage.Tests.Lakehouse;

[Collection(AzuriteCollection.Name)]
public sealed class LakehouseUniverseTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Seeded_synthetic_market_comes_back_with_sectors_and_lineage_and_reseeding_changes_nothing()
    {
        var store = StorageAccount.FromConnectionString(azurite.ConnectionString).Blobs;
        var spec = new SyntheticMarketSpec(6, 30, 11) { Sectors = 3, Start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var clock = new FixedClock(new DateTime(2024, 2, 13, 0, 0, 0, DateTimeKind.Utc));
        var lake = new Tessera.Storage.Lakehouse.Lakehouse(store, clock, new LakehouseOptions { Container = TestNames.Container("universe") });
        await lake.InitializeAsync();

        var first = await LakehouseUniverse.SeedSyntheticAsync(lake, spec);
        Assert.True(first.Published);
        var again = await LakehouseUniverse.SeedSyntheticAsync(lake, spec);
        Assert.False(again.Published);

        var universe = await LakehouseUniverse.LoadAsync(await lake.OpenSnapshotAsync());
        var market = SyntheticMarket.GenerateDaily(spec);
        Assert.Equal(1, universe.Lineage.Version);
        Assert.Equal(market.Symbols.Select(m => m.Identity).Order(StringComparer.Ordinal), universe.Symbols.Select(m => m.Identity));
        foreach (var (bars, meta) in universe.Bars.Zip(universe.Symbols))
        {
            var original = market.Bars.Single(b => b.Symbol == bars.Symbol);
            Assert.Equal(original.Close, bars.Close);
            Assert.Equal(market.Symbols.Single(m => m.Identity == meta.Identity), meta);
        }
    }

    [Fact]
    public async Task Filters_leave_out_toxic_or_all_unhealthy_symbols()
    {
        var store = StorageAccount.FromConnectionString(azurite.ConnectionString).Blobs;
        var clock = new FixedClock(new DateTime(2024, 1, 10, 0, 0, 0, DateTimeKind.Utc));
        var lake = new Tessera.Storage.Lakehouse.Lakehouse(store, clock, new LakehouseOptions { Container = TestNames.Container("universe") });
        await lake.InitializeAsync();
        long Day(int d) => BarSeries.ToUnixMs(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(d));
        BarSeries S(string symbol, int[] days, double[] c) => new(symbol, days.Select(Day).ToArray(), c, c, c, c, c.Select(_ => 1.0).ToArray());
        await lake.ImportAsync(new LakehouseImportRequest(
            [S("FRESH", [7, 8], [1, 1.1]), S("TOXIC", [7, 8], [1, 7]), S("OLD", [0, 1], [1, 1])], "test"));
        var snapshot = await lake.OpenSnapshotAsync();

        Assert.Equal(["FRESH", "OLD", "TOXIC"], (await LakehouseUniverse.LoadAsync(snapshot, UniverseFilter.All)).Bars.Select(b => b.Symbol));
        var noToxic = await LakehouseUniverse.LoadAsync(snapshot);
        Assert.Equal(["FRESH", "OLD"], noToxic.Bars.Select(b => b.Symbol));
        Assert.Equal("TOXIC", Assert.Single(noToxic.Excluded).Symbol);
        var healthy = await LakehouseUniverse.LoadAsync(snapshot, UniverseFilter.HealthyOnly);
        Assert.Equal(["FRESH"], healthy.Bars.Select(b => b.Symbol));
        Assert.Equal(["OLD", "TOXIC"], healthy.Excluded.Select(h => h.Symbol));
    }
}
