using System.Diagnostics;
using System.IO.Compression;
using Tessera.Core.Contracts;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Storage;
using Tessera.Storage.Lakehouse;
using Tessera.Storage.Local;
using Tessera.Testing;

namespace Tessera.Bench.Data;

/// <summary>
/// S&amp;P 500 daily file: import (gzip and plain, rows/s and MB/s), returns-matrix build, and the lakehouse on a
/// fresh Azurite: write of the whole universe, cold load, cached load. Medians of several repetitions.
/// </summary>
public sealed class DataBenchmark : IBenchmark
{
    private const string SpFile = "sp500-daily-2013-2018.csv.gz";
    private const int Repetitions = 5;

    public string Name => "data";

    public string Description => "S&P 500 import (rows/s, MB/s), returns matrix, lakehouse write/read on Azurite";

    public async Task RunAsync(BenchContext context)
    {
        var path = SharedData.TryPath(SpFile);
        if (path is null)
        {
            context.Out.WriteLine("  SKIPPED: needs ../shared/data/" + SpFile);
            return;
        }

        var gz = await File.ReadAllBytesAsync(path);
        byte[] plain;
        using (var source = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress))
        using (var target = new MemoryStream())
        {
            await source.CopyToAsync(target);
            plain = target.ToArray();
        }

        context.Out.WriteLine($"  data: {SpFile} ({gz.Length / 1e6:F2} MB gzip, {plain.Length / 1e6:F2} MB CSV), read from memory");
        // The first import in this process, before any warm-up: the importer's code is compiled on this call, as in a
        // CLI command (docs/benchmarks/coldstart.md). Meaningful when `data` is the first benchmark of the process.
        var firstWatch = Stopwatch.StartNew();
        var first = BarCsvImporter.Import(new MemoryStream(gz), new BarImportOptions { Source = SpFile });
        context.Report("import gzip, first in the process: time", firstWatch.Elapsed.TotalMilliseconds, "ms");
        context.Out.WriteLine($"  first import: {first.Report.RowsAccepted:N0} rows accepted");

        BarImportResult result = null!;
        var gzSeconds = Median(() => result = BarCsvImporter.Import(new MemoryStream(gz), new BarImportOptions { Source = SpFile }));
        var rows = result.Report.DataRows;
        context.Report("import gzip: time", gzSeconds * 1000, "ms");
        context.Report("import gzip: rows/s", rows / gzSeconds, "rows/s");
        context.Report("import gzip: MB/s (uncompressed CSV)", plain.Length / 1e6 / gzSeconds, "MB/s");
        context.Report("import gzip: MB/s (compressed input)", gz.Length / 1e6 / gzSeconds, "MB/s");

        var plainSeconds = Median(() => result = BarCsvImporter.Import(new MemoryStream(plain), new BarImportOptions { Source = SpFile }));
        context.Report("import plain CSV: time", plainSeconds * 1000, "ms");
        context.Report("import plain CSV: rows/s", rows / plainSeconds, "rows/s");
        context.Report("import plain CSV: MB/s", plain.Length / 1e6 / plainSeconds, "MB/s");
        context.Out.WriteLine($"  rows read {rows:N0}, accepted {result.Report.RowsAccepted:N0}, symbols {result.Report.Symbols}");

        ReturnsBuildResult matrix = null!;
        var matrixSeconds = Median(() => matrix = ReturnsMatrixBuilder.Build(result.Series, new ReturnsOptions { DailyBars = true }));
        context.Report("returns matrix build (505 series -> dense matrix)", matrixSeconds * 1000, "ms");
        context.Out.WriteLine($"  matrix {matrix.Matrix.Rows} dates x {matrix.Matrix.Assets} assets; dropped {matrix.DroppedAssets.Count} assets, {matrix.DroppedDates.Length} dates");

        await using var azurite = await AzuriteLauncher.StartAsync();
        var store = StorageAccount.FromConnectionString(azurite.ConnectionString).Blobs;
        var clock = new FixedTime(new DateTime(2018, 2, 10, 0, 0, 0, DateTimeKind.Utc));
        var options = new LakehouseOptions { Container = "bench-lakehouse" };
        var writer = new Lakehouse(store, clock, options);
        await writer.InitializeAsync();
        var sw = Stopwatch.StartNew();
        var outcome = await writer.ImportAsync(new LakehouseImportRequest(result.Series, SpFile));
        var writeSeconds = sw.Elapsed.TotalSeconds;
        var snapshot = await writer.OpenSnapshotAsync();
        var bytes = snapshot.Manifest.Symbols.Sum(e => e.Bytes);
        context.Report("lakehouse write (505 objects + manifest, Azurite)", writeSeconds * 1000, "ms");
        context.Report("lakehouse write bars/s", outcome.BarsAdded / writeSeconds, "bars/s");
        context.Out.WriteLine($"  stored {bytes / 1e6:F2} MB in {snapshot.Manifest.Symbols.Count} TSRB objects");

        sw.Restart();
        var again = await writer.ImportAsync(new LakehouseImportRequest(result.Series, SpFile));
        context.Report("lakehouse re-import of the same file (no change)", sw.Elapsed.TotalMilliseconds, "ms");
        context.Out.WriteLine($"  re-import published: {again.Published}, bars added {again.BarsAdded}");

        var reader = new Lakehouse(store, clock, options);
        sw.Restart();
        var cold = await reader.OpenSnapshotAsync();
        var loaded = await cold.LoadManyAsync();
        var coldSeconds = sw.Elapsed.TotalSeconds;
        context.Report("lakehouse full load, cold (download + SHA-256 + decode)", coldSeconds * 1000, "ms");
        context.Report("lakehouse full load, cold bars/s", loaded.Sum(s => (long)s.Count) / coldSeconds, "bars/s");

        var cachedSeconds = await MedianAsync(async () =>
        {
            var s = await reader.OpenSnapshotAsync();
            loaded = await s.LoadManyAsync();
        });
        context.Report("lakehouse full load, cached (pointer + manifest read, objects from cache)", cachedSeconds * 1000, "ms");
    }

    private static double Median(Action action)
    {
        action();
        var times = new double[Repetitions];
        for (var k = 0; k < Repetitions; k++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[k] = sw.Elapsed.TotalSeconds;
        }

        Array.Sort(times);
        return times[Repetitions / 2];
    }

    private static async Task<double> MedianAsync(Func<Task> action)
    {
        await action();
        var times = new double[Repetitions];
        for (var k = 0; k < Repetitions; k++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            times[k] = sw.Elapsed.TotalSeconds;
        }

        Array.Sort(times);
        return times[Repetitions / 2];
    }

    private sealed class FixedTime(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
