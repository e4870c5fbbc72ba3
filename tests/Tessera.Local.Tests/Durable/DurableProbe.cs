using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Newtonsoft.Json.Linq;
using Tessera.Local.Durable;
using Tessera.Orchestrations.LifeCycle;

namespace Tessera.Local.Tests.Durable;

/// <summary>
/// The test's own view of a task hub: a client-only embedded runtime (no worker, so it never runs work itself),
/// used to start runs, watch their progress and read their recorded history while other processes do the work.
/// </summary>
internal sealed class DurableProbe : IAsyncDisposable
{
    private DurableProbe(EmbeddedDurableRuntime runtime)
    {
        Runtime = runtime;
    }

    public EmbeddedDurableRuntime Runtime { get; }

    public DurableTaskClient Client => Runtime.Client;

    public static async Task<DurableProbe> StartAsync(string connectionString, string taskHub) =>
        new(await EmbeddedDurableRuntime.StartAsync(
            connectionString, _ => { }, EmbeddedDurableOptions.ForTests with { TaskHubName = taskHub, RunWorker = false }).ConfigureAwait(false));

    /// <summary>Waits until the run reports at least <paramref name="steps"/> completed life-cycle steps.</summary>
    public async Task WaitForStepsAsync(string runId, int steps, CancellationToken ct)
    {
        while (true)
        {
            var instance = await Client.GetInstanceAsync(runId, getInputsAndOutputs: true, ct).ConfigureAwait(false);
            if (instance?.ReadCustomStatusAs<LifeCycleProgress>() is { } p && p.Completed >= steps)
            {
                return;
            }

            if (instance is { IsCompleted: true })
            {
                throw new InvalidOperationException($"run {runId} ended {instance.RuntimeStatus} before reaching step {steps}");
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    /// <summary>(event type, name, timestamp) of every recorded history event, in order.</summary>
    public async Task<IReadOnlyList<(EventType Type, string? Name, DateTime Timestamp)>> HistoryAsync(string runId)
    {
        var json = await Runtime.Backend.GetOrchestrationHistoryAsync(runId, null).ConfigureAwait(false);
        var events = new List<(EventType, string?, DateTime)>();
        foreach (var e in JArray.Parse(json))
        {
            events.Add((e["EventType"]!.ToObject<EventType>(), e["Name"]?.ToObject<string>(), e["Timestamp"]!.ToObject<DateTime>()));
        }

        return events;
    }

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
