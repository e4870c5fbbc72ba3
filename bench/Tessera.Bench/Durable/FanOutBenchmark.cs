using System.Diagnostics;
using Tessera.Durable;
using Tessera.Durable.Local;
using Tessera.Storage;
using Tessera.Storage.Local;

namespace Tessera.Bench.Durable;

/// <summary>
/// Local durable engine, fan-out of 1,000 trivial activities with history persisted in Table storage on Azurite
/// (started here on free loopback ports). The activities do nothing, so the time is the engine's overhead:
/// scheduling, history writes (one row per scheduled step and one per completion), replay bookkeeping.
/// </summary>
public sealed class FanOutBenchmark : IBenchmark
{
    private const int Activities = 1_000;
    private const int MaxConcurrentActivities = 16;

    public string Name => "durable-fanout";

    public string Description => $"local durable engine: fan-out of {Activities} trivial activities, history on Azurite Table storage";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var azurite = await AzuriteLauncher.StartAsync();
        var tables = StorageAccount.FromConnectionString(azurite.ConnectionString).Tables;
        var registry = new DurableRegistry()
            .AddActivity<int, int>("Noop", (i, _) => Task.FromResult(i))
            .AddOrchestrator<int, long>("FanOut", async (ctx, n) =>
            {
                var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Noop", i)));
                return results.Sum(r => (long)r);
            });
        await using var engine = new DurableEngine(tables, registry, new DurableEngineOptions
        {
            TaskHubName = "Bench",
            MaxConcurrentActivities = MaxConcurrentActivities,
        });
        await engine.StartAsync();

        // Warm-up (JIT, connections, tables) on a small instance, not measured.
        await RunOnceAsync(engine, "warmup", 50);

        var sw = Stopwatch.StartNew();
        var output = await RunOnceAsync(engine, "fanout-1000", Activities);
        sw.Stop();

        var expected = (long)Activities * (Activities - 1) / 2;
        if (output != expected)
        {
            throw new InvalidOperationException($"fan-out returned {output}, expected {expected}");
        }

        var history = await engine.GetHistoryAsync("fanout-1000");
        var completed = history.Count(e => e.EventType == HistoryEventType.TaskCompleted);
        if (completed != Activities)
        {
            throw new InvalidOperationException($"history holds {completed} completions, expected {Activities}");
        }

        context.Out.WriteLine($"  storage: Azurite (in-memory) on 127.0.0.1:{azurite.TablePort}; max concurrent activities {MaxConcurrentActivities}");
        context.Report("activities", Activities, "count");
        context.Report("history rows written", history.Count, "rows");
        context.Report("elapsed", sw.Elapsed.TotalMilliseconds, "ms");
        context.Report("throughput", Activities / sw.Elapsed.TotalSeconds, "activities/s");
        context.Report("overhead per activity", sw.Elapsed.TotalMilliseconds / Activities, "ms");
        context.Report("history writes", history.Count / sw.Elapsed.TotalSeconds, "rows/s");
    }

    private static async Task<long> RunOnceAsync(DurableEngine engine, string id, int n)
    {
        await engine.ScheduleNewOrchestrationInstanceAsync("FanOut", n, id);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var status = await engine.WaitForInstanceCompletionAsync(id, cts.Token);
        return status.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? status.ReadOutputAs<long>()
            : throw new InvalidOperationException($"{id} ended {status.RuntimeStatus}: {status.FailureDetails?.ErrorMessage}");
    }
}
