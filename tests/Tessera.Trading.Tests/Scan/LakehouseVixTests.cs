using Tessera.Core.Data;
using Tessera.Storage;
using Tessera.Storage.Lakehouse;
using Tessera.Testing;
using Tessera.Trading.Scan;
using Xunit;

namespace Tessera.Trading.Tests.Scan;

[Collection(AzuriteCollection.Name)]
public sealed class LakehouseVixTests(AzuriteFixture azurite)
{
    private static BarSeries Vix(params (string Day, double Close)[] bars)
    {
        var t = bars.Select(b => new DateTimeOffset(DateOnly.Parse(b.Day, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds()).ToArray();
        var c = bars.Select(b => b.Close).ToArray();
        return new BarSeries("VIX", t, c, c, c, c, new double[c.Length]);
    }

    [Fact]
    public void The_reading_is_the_last_close_on_or_before_the_day()
    {
        var series = Vix(("2024-03-08", 14.7), ("2024-03-11", 15.2), ("2024-03-13", 13.9));
        Assert.Equal(new VixReading(15.2, new DateOnly(2024, 3, 11)), LakehouseVix.Last(series, new DateOnly(2024, 3, 12)));
        Assert.Equal(new VixReading(13.9, new DateOnly(2024, 3, 13)), LakehouseVix.Last(series, new DateOnly(2024, 3, 13)));
        Assert.Null(LakehouseVix.Last(series, new DateOnly(2024, 3, 1)));
    }

    [Fact]
    public async Task An_imported_series_is_read_and_no_series_is_no_reading()
    {
        var blobs = StorageAccount.FromConnectionString(azurite.ConnectionString).Blobs;
        var lakehouse = new Lakehouse(blobs, TimeProvider.System, new LakehouseOptions { Container = "lake" + Guid.NewGuid().ToString("N")[..12] });
        await lakehouse.InitializeAsync();
        Assert.Null(await LakehouseVix.ReadAsync(lakehouse, new DateOnly(2024, 3, 12)));

        await lakehouse.ImportAsync(new LakehouseImportRequest([Vix(("2024-03-08", 14.7), ("2024-03-11", 15.2))], "vix-test"));
        Assert.Equal(new VixReading(15.2, new DateOnly(2024, 3, 11)), await LakehouseVix.ReadAsync(lakehouse, new DateOnly(2024, 3, 12)));
    }
}
