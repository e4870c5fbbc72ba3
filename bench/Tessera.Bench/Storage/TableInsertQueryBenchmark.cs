using System.Globalization;
using Azure.Data.Tables;
using Tessera.Storage;
using Tessera.Storage.Local;
using Tessera.Storage.Tables;

namespace Tessera.Bench.Storage;

/// <summary>
/// Table insert of 1,000 small entities (sequential and 8 concurrent), point reads, and full-partition queries
/// following continuation tokens (one warm-up walk, then 20 measured), against a freshly started in-memory Azurite,
/// through TableStore on Azure.Data.Tables.
/// </summary>
public sealed class TableInsertQueryBenchmark : IBenchmark
{
    private const int Count = 1000;
    private const int WarmUp = 300;
    private const int QueryWalks = 20;

    public string Name => "storage-table-insertquery";

    public string Description => $"Table insert of {Count} entities (sequential, 8 concurrent), point get, and partition query on Azurite";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var azurite = await AzuriteLauncher.StartAsync();
        var tables = StorageAccount.FromConnectionString(azurite.ConnectionString).Tables;
        const string table = "bench";
        await tables.CreateTableIfNotExistsAsync(table);
        context.Out.WriteLine($"  data: {Count} entities per partition (string, Int64, Double, DateTime properties), Azurite in memory on 127.0.0.1, Azure.Data.Tables, Shared Key auth");

        // Warm-up (connections, JIT up to the optimized tier), not measured.
        for (var i = 0; i < WarmUp; i++)
        {
            await tables.InsertAsync(table, Entity("warm", i));
            await tables.GetAsync<TableEntity>(table, "warm", Key(i));
        }

        foreach (var concurrency in new[] { 1, 8 })
        {
            var partition = "p" + concurrency.ToString(CultureInfo.InvariantCulture);
            await LatencyRecorder.MeasureAsync(context, $"insert (concurrency {concurrency})", Count, concurrency,
                i => tables.InsertAsync(table, Entity(partition, i)));
            await LatencyRecorder.MeasureAsync(context, $"get (concurrency {concurrency})", Count, concurrency, async i =>
            {
                var e = await tables.GetAsync<TableEntity>(table, partition, Key(i));
                if (e?.GetInt64("Seq") != i)
                {
                    throw new InvalidOperationException($"entity {partition}/{i} came back wrong");
                }
            });
        }

        // Partition walks: one warm-up (JIT of the query path), then QueryWalks measured walks of the 1,000 entities.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"p1"}");
        await WalkAsync(tables, table, filter);
        var walks = new double[QueryWalks];
        var pages = 0;
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var total = System.Diagnostics.Stopwatch.StartNew();
        for (var w = 0; w < QueryWalks; w++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            pages = await WalkAsync(tables, table, filter);
            walks[w] = sw.Elapsed.TotalMilliseconds;
        }

        total.Stop();
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        Array.Sort(walks);
        context.Report("query partition ($top=100) pages", pages, "pages");
        context.Report("query partition ($top=100) throughput", QueryWalks * Count / total.Elapsed.TotalSeconds, "entities/s");
        context.Report("query partition ($top=100) median walk", walks[QueryWalks / 2], "ms");
        context.Report("query partition ($top=100) client CPU", cpu.TotalMilliseconds / walks.Length, "ms/walk");
    }

    /// <summary>Reads the whole partition page by page; returns the page count (and checks the row count).</summary>
    private static async Task<int> WalkAsync(TableStore tables, string table, string filter)
    {
        var rows = 0;
        var pages = 0;
        string? continuation = null;
        do
        {
            var page = await tables.QueryPageAsync<TableEntity>(table, filter, continuation, top: 100);
            rows += page.Items.Count;
            pages++;
            continuation = page.Continuation;
        }
        while (continuation is not null);

        return rows == Count ? pages : throw new InvalidOperationException($"query returned {rows} rows, expected {Count}");
    }

    private static string Key(int i) => i.ToString("D6", CultureInfo.InvariantCulture);

    private static TableEntity Entity(string partition, int i) => new(partition, Key(i))
    {
        ["Seq"] = (long)i,
        ["Price"] = 100.0 + (i * 0.25),
        ["Symbol"] = "SYM" + (i % 50).ToString(CultureInfo.InvariantCulture),
        ["At"] = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
    };
}
