using Tessera.Core.Data.Import;
using Tessera.Storage.Blobs;
using Tessera.Storage.Lakehouse;
using Tessera.Testing;
using Xunit;

namespace Tessera.Storage.Tests.Lakehouse;

/// <summary>Files through the importers into the lakehouse: the malformed corpus, folders, and the real S&amp;P file.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LakehouseFileImportTests(AzuriteFixture azurite)
{
    private const string SpFile = "sp500-daily-2013-2018.csv.gz";

    private BlobStore Store => StorageAccount.FromConnectionString(azurite.ConnectionString).Blobs;

    private async Task<Tessera.Storage.Lakehouse.Lakehouse> NewLakeAsync(DateTime now)
    {
        var lake = new Tessera.Storage.Lakehouse.Lakehouse(Store, new FixedClock(now), new LakehouseOptions { Container = TestNames.Container("lakefiles") });
        await lake.InitializeAsync();
        return lake;
    }

    private static async Task<(FileImportResult Files, LakehouseImportOutcome Outcome)> ImportAsync(Tessera.Storage.Lakehouse.Lakehouse lake, string path, ImportMode mode)
    {
        var files = BarFiles.Read(path, mode);
        var outcome = await lake.ImportAsync(new LakehouseImportRequest(files.Series, Path.GetFileName(path)) { SourceSha256 = files.SourceSha256 });
        return (files, outcome);
    }

    [Fact]
    public async Task No_malformed_bar_file_leaves_anything_in_the_lakehouse()
    {
        var dir = MalformedDirectory();
        var cases = File.ReadAllLines(Path.Combine(dir, "expected.txt")).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('|')).Where(p => p[1] == "bars").ToList();
        Assert.True(cases.Count >= 25);
        var lake = await NewLakeAsync(DateTime.UnixEpoch);
        foreach (var c in cases)
        {
            var ex = await Assert.ThrowsAsync<DataImportException>(() => ImportAsync(lake, Path.Combine(dir, c[0]), ImportMode.Strict));
            Assert.Equal(c[2], ex.Rule);
        }

        var blobs = new List<BlobProperties>();
        await foreach (var b in Store.ListAsync(lake.Options.Container, null))
        {
            blobs.Add(b);
        }

        Assert.Empty(blobs);
    }

    [Fact]
    public async Task A_one_file_per_symbol_folder_imports_each_file_as_its_symbol()
    {
        var dir = Directory.CreateTempSubdirectory("tessera-bars-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "aaa.csv"), "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11,200\n");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "BBB.csv"), "date,open,high,low,close,volume\n2024-01-02,20,21,19,20.5,100\n");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "notes.md"), "ignored");
            var lake = await NewLakeAsync(new DateTime(2024, 1, 4, 0, 0, 0, DateTimeKind.Utc));
            var (files, outcome) = await ImportAsync(lake, dir.FullName, ImportMode.Strict);
            Assert.Equal(2, files.Reports.Count);
            Assert.Equal(3, outcome.BarsAdded);
            var snapshot = await lake.OpenSnapshotAsync();
            Assert.Equal(["AAA", "BBB"], snapshot.Symbols);
            var aaa = await snapshot.LoadAsync("AAA");
            Assert.Equal(new[] { 10.5, 11.0 }, aaa.Close);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [SharedDataFact(SpFile)]
    public async Task Sp500_file_lands_in_the_lakehouse_and_a_second_import_adds_nothing()
    {
        // Clock three days after the last bar (2018-02-07): nothing is stale yet.
        var lake = await NewLakeAsync(new DateTime(2018, 2, 10, 0, 0, 0, DateTimeKind.Utc));
        var (files, first) = await ImportAsync(lake, SharedData.Path_(SpFile), ImportMode.Lenient);
        Assert.Equal(619_017, files.RowsAccepted);
        Assert.Equal(23, files.RowsRejected);
        Assert.True(first.Succeeded);
        Assert.Equal(505, first.SymbolsChanged);
        Assert.Equal(619_017, first.BarsAdded);

        var snapshot = await lake.OpenSnapshotAsync();
        Assert.Equal(505, snapshot.Symbols.Count);
        var all = await snapshot.LoadManyAsync();
        Assert.Equal(619_017, all.Sum(s => s.Count));
        Assert.Equal(files.SourceSha256, snapshot.Manifest.Lineage.Single().SourceSha256);

        var (_, second) = await ImportAsync(lake, SharedData.Path_(SpFile), ImportMode.Lenient);
        Assert.False(second.Published);
        Assert.Equal(0, second.BarsAdded);
        Assert.Equal(0, second.BarsReplaced);
        Assert.True(second.Succeeded);
        Assert.Equal(1, second.Version);

        // Symbols whose history ended before 2018-02-03 (168 h before the clock) are already stale in version 1.
        var report = await FreshnessAudit.RunAsync(snapshot, new DateTime(2018, 2, 10, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(505, report.SymbolCount);
        Assert.Equal(snapshot.Manifest.Health.Count(h => h.Status == "stale"), report.StaleCount);
        Assert.Contains(report.ShortHistory, s => s.Symbol == "APTV" && s.Rows == 44);
        Assert.Equal(10, report.LargestMoves.Count);
    }

    private static string MalformedDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Tessera.Core.Tests", "Data", "Import", "Malformed");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("malformed corpus not found");
    }
}
