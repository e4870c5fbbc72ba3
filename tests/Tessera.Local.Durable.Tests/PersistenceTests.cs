using System.Diagnostics;
using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Tessera.Local.Durable.Tests;

/// <summary>State lives in the storage account, not in the runtime's memory.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PersistenceTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task An_orchestration_waiting_in_a_disposed_runtime_completes_in_a_new_runtime_on_the_same_task_hub()
    {
        await using var kit = new DurableTestKit(azurite, output);
        string id;
        await using (var first = await kit.StartAsync())
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", "x", kit.Timeout);
            await kit.WaitForCustomStatusAsync(first.Client, id, TestWorkflows.WaitingStatus);
        }

        await using var second = await kit.StartAsync();
        await second.Client.RaiseEventAsync(id, "go", "after restart", kit.Timeout);
        var result = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, kit.Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("before restart! / after restart", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_activity_in_flight_when_its_runtime_is_disposed_runs_again_in_the_next_runtime()
    {
        await using var kit = new DurableTestKit(azurite, output);
        var counter = new AttemptCounter();
        void Shared(IServiceCollection services) => services.AddSingleton(counter);
        var input = new SlowInput(Guid.NewGuid().ToString("N"), TimeSpan.FromMinutes(1), FirstAttemptOnly: true);
        string id;
        var disposing = Stopwatch.StartNew();
        await using (var first = await kit.StartAsync(Shared))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Slow", input, kit.Timeout);
            while (counter.Get(input.Key) == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), kit.Timeout);
            }

            disposing.Restart();
        }

        output.WriteLine($"disposed with the activity in flight in {disposing.ElapsedMilliseconds} ms");
        var resuming = Stopwatch.StartNew();
        await using var second = await kit.StartAsync(Shared);
        var result = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, kit.Timeout);

        // Reported, not asserted: the abandoned message comes back after the work-item visibility timeout.
        output.WriteLine($"resumed and completed {resuming.ElapsedMilliseconds} ms after the dispose");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("done in attempt 2", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task The_raw_history_of_a_completed_instance_is_readable_from_the_backend()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();
        var result = await kit.RunAsync(runtime.Client, "Sequence", "h");

        var json = await runtime.Backend.GetOrchestrationHistoryAsync(result.InstanceId, null);

        using var history = JsonDocument.Parse(json);
        var types = history.RootElement.EnumerateArray().Select(e => (EventType)e.GetProperty("EventType").GetInt32()).ToList();
        Assert.Equal(EventType.ExecutionStarted, types.First(t => t != EventType.OrchestratorStarted));
        Assert.Equal(3, types.Count(t => t == EventType.TaskScheduled));
        Assert.Equal(3, types.Count(t => t == EventType.TaskCompleted));
        Assert.Contains(EventType.ExecutionCompleted, types);
    }

    [Fact]
    public async Task A_client_only_runtime_reads_state_without_running_work()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();
        var result = await kit.RunAsync(runtime.Client, "Sequence", "r");

        await using var reader = await EmbeddedDurableRuntime.StartAsync(
            azurite.ConnectionString,
            _ => { },
            EmbeddedDurableOptions.ForTests with { TaskHubName = kit.TaskHub, RunWorker = false },
            cancellationToken: kit.Timeout);
        var seen = await reader.Client.GetInstanceAsync(result.InstanceId, getInputsAndOutputs: true, kit.Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, seen?.RuntimeStatus);
        Assert.Equal("r!!!", seen?.ReadOutputAs<string>());
    }
}
