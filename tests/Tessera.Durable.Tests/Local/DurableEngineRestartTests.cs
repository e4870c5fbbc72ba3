using System.Collections.Concurrent;
using Tessera.Durable.Local;
using Tessera.Durable.Tests.TestSupport;
using Tessera.Storage.Tables;
using Tessera.Testing;
using Xunit;

namespace Tessera.Durable.Tests.Local;

/// <summary>
/// Process death and restart. Engine A runs on a <see cref="KillableTableStore"/>: Kill() cuts it off from storage
/// at a point defined by persisted history (not by time), so A can never write again, exactly as if its process
/// died. Engine B then starts on the same tables and must finish the work from history.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurableEngineRestartTests(AzuriteFixture azurite)
{
    private static readonly string[] FanKeys = ["F1", "F2", "F3", "F4", "F5"];

    private readonly ConcurrentDictionary<string, int> _effects = new(StringComparer.Ordinal);

    private readonly ConcurrentQueue<string> _executedByA = new();

    private readonly ConcurrentQueue<string> _executedByB = new();

    private sealed record Stamp(Guid Guid, DateTime Time);

    private sealed record Stamps(Guid G1, DateTime T1, Guid G2, DateTime T2);

    [Fact]
    public async Task Crash_mid_fan_out_then_restart_completes_with_every_activity_executed_exactly_once()
    {
        var tables = DurableHarness.Tables(azurite);
        var hub = DurableHarness.NewHub();
        var storeA = new KillableTableStore(tables);

        // Engine A: F3 blocks (before its effect) until A is torn down, so the crash lands mid fan-out.
        var engineA = await DurableHarness.StartAsync(storeA, PipelineRegistry(_executedByA, blockOn: "F3"), hub, 4, TimeSpan.FromMilliseconds(100));
        var id = await engineA.ScheduleNewOrchestrationInstanceAsync("Pipeline", null, "crash-1");
        await DurableHarness.UntilAsync(
            async () => (await engineA.GetHistoryAsync(id)).Count(e => e.EventType == HistoryEventType.TaskCompleted) == 6,
            "A, B, F1, F2, F4, F5 completed and persisted");

        storeA.Kill(); // the process is gone: no further write reaches storage

        await using (var engineB = new DurableEngine(tables, PipelineRegistry(_executedByB, blockOn: null), new DurableEngineOptions { TaskHubName = hub, MaxConcurrentActivities = 4 }))
        {
            var resumed = await engineB.StartAsync();
            Assert.Equal([id], resumed);
            using var cts = new CancellationTokenSource(DurableHarness.Patience);
            var status = await engineB.WaitForInstanceCompletionAsync(id, cts.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
            Assert.Equal(ExpectedPipelineOutput, status.ReadOutputAs<int>());
            var history = await engineB.GetHistoryAsync(id);
            Assert.Equal(8, history.Count(e => e.EventType == HistoryEventType.TaskScheduled));
            Assert.Equal(8, history.Count(e => e.EventType == HistoryEventType.TaskCompleted));
            ReplayVerifier.Verify(engineB.Registry, id, history);
        }

        await engineA.DisposeAsync();

        // Exactly once: every step's effect happened once in total; B ran only what A had not completed.
        Assert.Equal(["A", "B", "F1", "F2", "F3", "F4", "F5", "Z"], _effects.Keys.Order(StringComparer.Ordinal));
        Assert.All(_effects, kv => Assert.Equal(1, kv.Value));
        Assert.Equal(["A", "B", "F1", "F2", "F4", "F5"], _executedByA.Order(StringComparer.Ordinal));
        Assert.Equal(["F3", "Z"], _executedByB.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Activity_in_flight_at_the_crash_runs_again_after_restart_at_least_once()
    {
        var tables = DurableHarness.Tables(azurite);
        var hub = DurableHarness.NewHub();
        var storeA = new KillableTableStore(tables);

        // In A, sequential step B performs its effect and then the process dies before B's completion is persisted.
        // Nothing else is in flight at that point (A's completion was persisted before B was scheduled).
        var registryA = PipelineRegistry(_executedByA, blockOn: null, afterEffect: key =>
        {
            if (key == "B")
            {
                storeA.Kill();
            }
        });
        var engineA = await DurableHarness.StartAsync(storeA, registryA, hub, 4, TimeSpan.FromMilliseconds(100));
        var id = await engineA.ScheduleNewOrchestrationInstanceAsync("Pipeline", null, "inflight-1");
        await DurableHarness.UntilAsync(() => Task.FromResult(_executedByA.Contains("B")), "B executed by A");

        await using (var engineB = await DurableHarness.StartAsync(tables, PipelineRegistry(_executedByB, blockOn: null), hub))
        {
            using var cts = new CancellationTokenSource(DurableHarness.Patience);
            var status = await engineB.WaitForInstanceCompletionAsync(id, cts.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
            Assert.Equal(ExpectedPipelineOutput, status.ReadOutputAs<int>());
        }

        await engineA.DisposeAsync();

        // The one activity whose completion never reached history ran twice (at-least-once); every other step once.
        Assert.Equal(2, _effects["B"]);
        Assert.All(_effects.Where(kv => kv.Key != "B"), kv => Assert.Equal(1, kv.Value));
        Assert.Equal(["A", "B"], _executedByA.Order(StringComparer.Ordinal));
        Assert.Equal(["B", "F1", "F2", "F3", "F4", "F5", "Z"], _executedByB.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Guid_and_clock_are_the_same_after_replay_in_a_new_engine()
    {
        var tables = DurableHarness.Tables(azurite);
        var hub = DurableHarness.NewHub();
        var storeA = new KillableTableStore(tables);
        var recordedByA = new ConcurrentQueue<Stamp>();
        var engineA = await DurableHarness.StartAsync(storeA, ClockRegistry(recordedByA), hub);
        var id = await engineA.ScheduleNewOrchestrationInstanceAsync("Clocked", null, "clock-1");
        await DurableHarness.UntilAsync(
            async () => (await engineA.GetHistoryAsync(id)).Any(e => e.EventType == HistoryEventType.TaskCompleted),
            "Record completed");
        storeA.Kill();

        Stamps output;
        IReadOnlyList<HistoryEvent> history;
        await using (var engineB = await DurableHarness.StartAsync(tables, ClockRegistry(new ConcurrentQueue<Stamp>()), hub))
        {
            await engineB.RaiseEventAsync(id, "go", "now");
            using var cts = new CancellationTokenSource(DurableHarness.Patience);
            var status = await engineB.WaitForInstanceCompletionAsync(id, cts.Token);
            output = status.ReadOutputAs<Stamps>()!;
            history = await engineB.GetHistoryAsync(id);
        }

        await engineA.DisposeAsync();
        var seenByA = Assert.Single(recordedByA);

        // Replayed in B, the first guid and time equal what A produced before the crash.
        Assert.Equal(seenByA.Guid, output.G1);
        Assert.Equal(seenByA.Time, output.T1);

        // Clock = timestamp of the history event being processed; guid = UUIDv5(instance id, clock, counter) as in DurableTask.
        Assert.Equal(history[0].Timestamp, output.T1);
        Assert.Equal(history.Single(e => e.EventType == HistoryEventType.EventRaised).Timestamp, output.T2);
        Assert.Equal(DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, $"clock-1_{output.T1:o}_0"), output.G1);
        Assert.Equal(DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, $"clock-1_{output.T2:o}_1"), output.G2);
    }

    [Fact]
    public async Task Graceful_stop_leaves_waiting_instances_running_and_a_new_engine_resumes_them()
    {
        var tables = DurableHarness.Tables(azurite);
        var hub = DurableHarness.NewHub();
        var engineA = await DurableHarness.StartAsync(tables, new TestWorkflows().Register(), hub);
        var waiting = await engineA.ScheduleNewOrchestrationInstanceAsync("Approval", -1, "stop-event");
        var timer = await engineA.ScheduleNewOrchestrationInstanceAsync("Timer", 300, "stop-timer");
        await DurableHarness.UntilAsync(async () => (await engineA.GetInstanceAsync(waiting))!.SerializedCustomStatus is not null, "approval waiting");
        await DurableHarness.UntilAsync(async () => (await engineA.GetHistoryAsync(timer)).Any(e => e.EventType == HistoryEventType.TimerCreated), "timer created");
        await engineA.StopAsync();
        await engineA.DisposeAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await engineA.GetInstanceAsync(waiting))!.RuntimeStatus);

        await using var engineB = await DurableHarness.StartAsync(tables, new TestWorkflows().Register(), hub);
        using var cts = new CancellationTokenSource(DurableHarness.Patience);
        await engineB.RaiseEventAsync(waiting, "approve", "carol");

        Assert.Equal("approved:carol", (await engineB.WaitForInstanceCompletionAsync(waiting, cts.Token)).ReadOutputAs<string>());
        Assert.True((await engineB.WaitForInstanceCompletionAsync(timer, cts.Token)).ReadOutputAs<double>() >= 300.0);
        Assert.Single(await engineB.GetHistoryAsync(timer), e => e.EventType == HistoryEventType.TimerFired);
    }

    [Fact]
    public async Task Parent_and_child_both_resume_after_a_crash()
    {
        var tables = DurableHarness.Tables(azurite);
        var hub = DurableHarness.NewHub();
        var storeA = new KillableTableStore(tables);
        var engineA = await DurableHarness.StartAsync(storeA, WaitingParentRegistry(), hub);
        var id = await engineA.ScheduleNewOrchestrationInstanceAsync("WaitingParent", null, "family");
        await DurableHarness.UntilAsync(async () => (await engineA.GetInstanceAsync("family-c"))?.SerializedCustomStatus is not null, "child waiting");
        storeA.Kill();

        await using (var engineB = new DurableEngine(tables, WaitingParentRegistry(), new DurableEngineOptions { TaskHubName = hub }))
        {
            Assert.Equal(["family", "family-c"], (await engineB.StartAsync()).Order(StringComparer.Ordinal));
            await engineB.RaiseEventAsync("family-c", "approve", "dave");
            using var cts = new CancellationTokenSource(DurableHarness.Patience);
            Assert.Equal("parent saw approved:dave", (await engineB.WaitForInstanceCompletionAsync(id, cts.Token)).ReadOutputAs<string>());
        }

        await engineA.DisposeAsync();
    }

    [Fact]
    public async Task Changed_orchestrator_code_fails_the_resumed_instance_as_non_deterministic()
    {
        var tables = DurableHarness.Tables(azurite);
        var hub = DurableHarness.NewHub();
        var engineA = await DurableHarness.StartAsync(tables, EvolvingRegistry(firstStep: "Step1"), hub);
        var id = await engineA.ScheduleNewOrchestrationInstanceAsync("Evolving", null, "evolving-1");
        await DurableHarness.UntilAsync(
            async () => (await engineA.GetHistoryAsync(id)).Any(e => e.EventType == HistoryEventType.TaskCompleted),
            "Step1 completed");
        await engineA.DisposeAsync();

        await using var engineB = await DurableHarness.StartAsync(tables, EvolvingRegistry(firstStep: "StepRenamed"), hub);
        using var cts = new CancellationTokenSource(DurableHarness.Patience);
        var status = await engineB.WaitForInstanceCompletionAsync(id, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("Activity 'Step1'", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Activity 'StepRenamed'", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0000000000")] // crash after the new input was saved, before any history row was deleted
    [InlineData("0000000001")] // crash after row 0 was deleted: no valid prefix is left
    public async Task Crash_inside_continue_as_new_resumes_to_the_same_result_without_repeating_persisted_work(string killBeforeDeletingRow)
    {
        var tables = DurableHarness.Tables(azurite);
        var hub = DurableHarness.NewHub();
        var storeA = new KillableTableStore(tables)
        {
            KillBeforeDelete = (table, rowKey) => table.EndsWith("History", StringComparison.Ordinal) && rowKey == killBeforeDeletingRow,
        };
        var workflows = new TestWorkflows();
        var engineA = await DurableHarness.StartAsync(storeA, workflows.Register(), hub);
        var id = await engineA.ScheduleNewOrchestrationInstanceAsync("Counter", 0, "can-crash");
        await DurableHarness.UntilAsync(() => Task.FromResult(workflows.CallsOf("Add1:0") == 1), "first generation ran");
        await DurableHarness.UntilAsync(() => Task.FromResult(storeA.IsKilled), "crash point reached");

        await using (var engineB = await DurableHarness.StartAsync(tables, workflows.Register(new DurableRegistry()), hub))
        {
            using var cts = new CancellationTokenSource(DurableHarness.Patience);
            var status = await engineB.WaitForInstanceCompletionAsync(id, cts.Token);
            Assert.Equal(4, status.ReadOutputAs<int>());
            Assert.True((await engineB.VerifyReplayAsync(id)).IsDeterministic);
        }

        await engineA.DisposeAsync();
        Assert.Equal([1, 1, 1, 1], new[] { 0, 1, 2, 3 }.Select(x => workflows.CallsOf("Add1:" + x)));
    }

    // A=1, B=2, F1..F5 = 11..15, Z=100.
    private const int ExpectedPipelineOutput = 1 + 2 + 11 + 12 + 13 + 14 + 15 + 100;

    private static int ValueOf(string key) => key switch
    {
        "A" => 1,
        "B" => 2,
        "Z" => 100,
        _ => 10 + int.Parse(key[1..], System.Globalization.CultureInfo.InvariantCulture),
    };

    private DurableRegistry PipelineRegistry(ConcurrentQueue<string> executedBy, string? blockOn, Action<string>? afterEffect = null) =>
        new DurableRegistry()
            .AddActivity<string, int>("Step", async (key, ctx) =>
            {
                if (key == blockOn)
                {
                    await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                }

                _effects.AddOrUpdate(key, 1, (_, n) => n + 1);
                executedBy.Enqueue(key);
                afterEffect?.Invoke(key);
                return ValueOf(key);
            })
            .AddOrchestrator<int>("Pipeline", async ctx =>
            {
                var a = await ctx.CallActivityAsync<int>("Step", "A");
                var b = await ctx.CallActivityAsync<int>("Step", "B");
                var fan = await Task.WhenAll(FanKeys.Select(k => ctx.CallActivityAsync<int>("Step", k)));
                var z = await ctx.CallActivityAsync<int>("Step", "Z");
                return a + b + fan.Sum() + z;
            });

    private static DurableRegistry ClockRegistry(ConcurrentQueue<Stamp> recorded) =>
        new DurableRegistry()
            .AddActivity<Stamp>("Record", (stamp, _) =>
            {
                recorded.Enqueue(stamp);
                return Task.CompletedTask;
            })
            .AddOrchestrator<Stamps>("Clocked", async ctx =>
            {
                var g1 = ctx.NewGuid();
                var t1 = ctx.CurrentUtcDateTime;
                await ctx.CallActivityAsync("Record", new Stamp(g1, t1));
                await ctx.WaitForExternalEvent<string>("go");
                return new Stamps(g1, t1, ctx.NewGuid(), ctx.CurrentUtcDateTime);
            });

    private static DurableRegistry WaitingParentRegistry() =>
        new TestWorkflows().Register().AddOrchestrator<string>("WaitingParent", async ctx =>
            "parent saw " + await ctx.CallSubOrchestratorAsync<string>("Approval", -1, new SubOrchestrationOptions(InstanceId: ctx.InstanceId + "-c")));

    private static DurableRegistry EvolvingRegistry(string firstStep) =>
        new DurableRegistry()
            .AddActivity<int, int>("Step1", (x, _) => Task.FromResult(x))
            .AddActivity<int, int>("StepRenamed", (x, _) => Task.FromResult(x))
            .AddActivity<int, int>("Step2", (x, _) => Task.FromResult(x))
            .AddOrchestrator<int>("Evolving", async ctx =>
            {
                var a = await ctx.CallActivityAsync<int>(firstStep, 1);
                await ctx.WaitForExternalEvent<string>("go");
                return a + await ctx.CallActivityAsync<int>("Step2", 2);
            });
}
