using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tessera.Local.Durable;
using Tessera.Storage.Local;

namespace Tessera.Bench.Durable;

/// <summary>
/// The embedded durable runtime (Durable Task gRPC sidecar over the DTFx Azure Storage backend, Microsoft.DurableTask
/// worker and client, <see cref="EmbeddedDurableOptions.Local"/>) on Azurite started here on free loopback ports:
/// one orchestration fans out n no-op activities with Task.WhenAll and sums their results. The activities do
/// nothing, so the time is the runtime's overhead: control- and work-item-queue messages, history and instance
/// table writes, replays of the orchestrator, gRPC round trips to the sidecar, queue polling.
/// </summary>
public sealed class FanOutBenchmark : IBenchmark
{
    private const string TaskHub = "BenchFanOut";
    private const string Activity = "Noop";
    private const string Orchestrator = "FanOut";
    private const int WarmUp = 50;
    private static readonly int[] Sizes = [300, 1_000];

    public string Name => "durable-fanout";

    public string Description => $"embedded Durable Task runtime (sidecar + Azure Storage backend): fan-out of {string.Join(" and ", Sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} no-op activities on Azurite";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var azurite = await AzuriteLauncher.StartAsync();
        var options = EmbeddedDurableOptions.Local with { TaskHubName = TaskHub };
        await using var runtime = await EmbeddedDurableRuntime.StartAsync(
            azurite.ConnectionString,
            registry => registry
                .AddActivityFunc<int, int>(Activity, (_, i) => i)
                .AddOrchestratorFunc<int, long>(Orchestrator, async (ctx, n) =>
                {
                    var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>(Activity, i)));
                    return results.Sum(r => (long)r);
                }),
            options);

        context.Out.WriteLine($"  storage: Azurite (in-memory) on 127.0.0.1 (blob {azurite.BlobPort}, queue {azurite.QueuePort}, table {azurite.TablePort}); task hub {TaskHub}");
        context.Out.WriteLine($"  runtime: EmbeddedDurableOptions.Local: {options.PartitionCount} partition, max queue polling {options.MaxQueuePollingInterval.TotalMilliseconds:F0} ms, max concurrent activities {options.MaxConcurrentActivities}, max concurrent orchestrations {options.MaxConcurrentOrchestrations}");

        // Warm-up (JIT, connections, queues and tables, partition lease) on a small instance, not measured.
        var warm = Stopwatch.StartNew();
        await RunOnceAsync(runtime, "fanout-warmup", WarmUp);
        context.Out.WriteLine($"  warm-up: {WarmUp} activities in {warm.Elapsed.TotalMilliseconds:F0} ms (not measured)");

        using var cpu = ProcessCpu.Find();
        foreach (var n in Sizes)
        {
            var id = "fanout-" + n.ToString(CultureInfo.InvariantCulture);
            var cpuBefore = cpu.Now();
            var sw = Stopwatch.StartNew();
            var output = await RunOnceAsync(runtime, id, n);
            sw.Stop();
            var cpuAfter = cpu.Now();

            var expected = (long)n * (n - 1) / 2;
            if (output != expected)
            {
                throw new InvalidOperationException($"fan-out of {n} returned {output}, expected {expected}");
            }

            var (events, completed) = await CountHistoryAsync(runtime, id);
            if (completed != n)
            {
                throw new InvalidOperationException($"history of {id} holds {completed} TaskCompleted events, expected {n}");
            }

            context.Report($"fan-out {n}: activities", n, "count");
            context.Report($"fan-out {n}: history events recorded", events, "events");
            context.Report($"fan-out {n}: elapsed", sw.Elapsed.TotalMilliseconds, "ms");
            context.Report($"fan-out {n}: throughput", n / sw.Elapsed.TotalSeconds, "activities/s");
            context.Report($"fan-out {n}: time per activity", sw.Elapsed.TotalMilliseconds / n, "ms");
            context.Report($"fan-out {n}: CPU of this process (runtime, sidecar, worker) per activity", (cpuAfter.Self - cpuBefore.Self).TotalMilliseconds / n, "ms");
            if (cpu.HasAzurite)
            {
                context.Report($"fan-out {n}: CPU of Azurite per activity", (cpuAfter.Azurite - cpuBefore.Azurite).TotalMilliseconds / n, "ms");
            }
        }
    }

    private static async Task<long> RunOnceAsync(EmbeddedDurableRuntime runtime, string id, int n)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await runtime.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, n, new StartOrchestrationOptions(id), cts.Token);
        var status = await runtime.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        return status.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? status.ReadOutputAs<long>()
            : throw new InvalidOperationException($"{id} ended {status.RuntimeStatus}: {status.FailureDetails?.ErrorMessage}");
    }

    /// <summary>All recorded history events of the instance, and how many of them are TaskCompleted.</summary>
    private static async Task<(int Events, int Completed)> CountHistoryAsync(EmbeddedDurableRuntime runtime, string id)
    {
        var json = await runtime.Backend.GetOrchestrationHistoryAsync(id, null);
        using var history = JsonDocument.Parse(json);
        var events = 0;
        var completed = 0;
        foreach (var e in history.RootElement.EnumerateArray())
        {
            events++;
            if (ParseEventType(e.GetProperty("EventType")) == EventType.TaskCompleted)
            {
                completed++;
            }
        }

        return (events, completed);
    }

    private static EventType ParseEventType(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? (EventType)value.GetInt32()
        : Enum.Parse<EventType>(value.GetString()!);
}
