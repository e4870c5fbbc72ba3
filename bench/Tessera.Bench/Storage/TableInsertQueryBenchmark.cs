using System.Globalization;
using Tessera.Storage;
using Tessera.Storage.Local;
using Tessera.Storage.Tables;

namespace Tessera.Bench.Storage;

/// <summary>
/// Table insert of 1,000 small entities (sequential and 8 concurrent), point reads, and a full-partition query
/// following continuation tokens, against a freshly started in-memory Azurite.
/// </summary>
public sealed class TableInsertQueryBenchmark : IBenchmark
{
    private const int Count = 1000;

    public string Name => "storage-table-insertquery";

    public string Description => $"Table insert of {Count} entities (sequential, 8 concurrent), point get, and partition query on Azurite";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var azurite = await AzuriteLauncher.StartAsync();
        var tables = StorageAccount.FromConnectionString(azurite.ConnectionString).Tables;
        const string table = "bench";
        await tables.CreateTableIfNotExistsAsync(table);
        context.Out.WriteLine($"  data: {Count} entities per partition (string, Int64, Double, DateTime properties), Azurite in memory on 127.0.0.1");

        for (var i = 0; i < 50; i++)
        {
            await tables.InsertAsync(table, Entity("warm", i));
            await tables.GetAsync(table, "warm", Key(i));
        }

        foreach (var concurrency in new[] { 1, 8 })
        {
            var partition = "p" + concurrency.ToString(CultureInfo.InvariantCulture);
            await LatencyRecorder.MeasureAsync(context, $"insert (concurrency {concurrency})", Count, concurrency,
                i => tables.InsertAsync(table, Entity(partition, i)));
            await LatencyRecorder.MeasureAsync(context, $"get (concurrency {concurrency})", Count, concurrency, async i =>
            {
                var e = await tables.GetAsync(table, partition, Key(i));
                if (e?.GetInt64("Seq") != i)
                {
                    throw new InvalidOperationException($"entity {partition}/{i} came back wrong");
                }
            });
        }

        var rows = 0;
        var pages = 0;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        TableContinuation? continuation = null;
        do
        {
            var page = await tables.QueryPageAsync(table, TableFilter.PartitionKeyEquals("p1"), continuation, top: 100);
            rows += page.Items.Count;
            pages++;
            continuation = page.Continuation;
        }
        while (continuation is not null);

        sw.Stop();
        if (rows != Count)
        {
            throw new InvalidOperationException($"query returned {rows} rows, expected {Count}");
        }

        context.Report("query partition ($top=100) pages", pages, "pages");
        context.Report("query partition ($top=100) throughput", rows / sw.Elapsed.TotalSeconds, "entities/s");
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
