using Tessera.Durable.Local;
using Tessera.Durable.Tests.TestSupport;
using Tessera.Testing;
using Xunit;

namespace Tessera.Durable.Tests.Local;

[Collection(AzuriteCollection.Name)]
public sealed class DurableEngineTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestWorkflows _workflows = new() { GateLimit = 3 };
    private DurableEngine _engine = null!;

    public async Task InitializeAsync() =>
        _engine = await DurableHarness.StartAsync(DurableHarness.Tables(azurite), _workflows.Register(), DurableHarness.NewHub(), maxConcurrentActivities: 3);

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task Sequential_activities_run_in_order_and_persist_history()
    {
        var status = await _engine.RunToEndAsync("Sequence", 5, "seq-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(13, status.ReadOutputAs<int>()); // ((5 + 1) * 2) + 1
        Assert.Equal("5", status.SerializedInput);
        Assert.Equal("Sequence", status.Name);
        var history = await _engine.GetHistoryAsync("seq-1");
        Assert.Equal(
            [
                HistoryEventType.ExecutionStarted,
                HistoryEventType.TaskScheduled, HistoryEventType.TaskCompleted,
                HistoryEventType.TaskScheduled, HistoryEventType.TaskCompleted,
                HistoryEventType.TaskScheduled, HistoryEventType.TaskCompleted,
                HistoryEventType.ExecutionCompleted,
            ],
            history.Select(e => e.EventType));
        Assert.Equal(Enumerable.Range(0, history.Count).Select(i => (long)i), history.Select(e => e.Sequence));
        Assert.Equal(["Add1", "Double", "Add1"], history.Where(e => e.EventType == HistoryEventType.TaskScheduled).Select(e => e.Name));
        Assert.Equal(["6", "12", "13"], history.Where(e => e.EventType == HistoryEventType.TaskCompleted).Select(e => e.Payload));
    }

    [Fact]
    public async Task Fan_out_runs_at_most_the_configured_number_of_activities_at_once()
    {
        var status = await _engine.RunToEndAsync("FanOut", 12);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, 12).Sum(i => (long)i * i), status.ReadOutputAs<long>());

        // The gate holds every activity until 3 run together: exactly 3 means bounded and actually parallel.
        Assert.Equal(3, _workflows.MaxConcurrent);
    }

    [Fact]
    public async Task Retry_policy_retries_after_durable_timers_with_exponential_backoff()
    {
        var status = await _engine.RunToEndAsync("Retry", "k1", "retry-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("ok after 3", status.ReadOutputAs<string>());
        Assert.Equal(3, _workflows.CallsOf("k1"));
        var history = await _engine.GetHistoryAsync("retry-1");
        var failures = history.Where(e => e.EventType == HistoryEventType.TaskFailed).ToList();
        var timers = history.Where(e => e.EventType == HistoryEventType.TimerCreated).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Equal(2, timers.Count);

        // Delay after failed attempt n = 20 ms * 2^(n-1), measured on the deterministic clock (failure event time).
        Assert.Equal(TimeSpan.FromMilliseconds(20), timers[0].FireAt!.Value - failures[0].Timestamp);
        Assert.Equal(TimeSpan.FromMilliseconds(40), timers[1].FireAt!.Value - failures[1].Timestamp);
        Assert.Equal(
            ["Activity 'Flaky'", "Timer 'timer'", "Activity 'Flaky'", "Timer 'timer'", "Activity 'Flaky'"],
            history.Where(e => e.IsScheduling).Select(e => $"{ScheduledStep.KindOf(e.EventType)} '{e.Name}'"));
    }

    [Fact]
    public async Task Exhausted_retries_fail_the_instance_with_the_activity_failure_details()
    {
        var status = await _engine.RunToEndAsync("RetryExhausted", "k2");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(2, _workflows.CallsOf("k2"));
        var failure = Assert.IsType<TaskFailureDetails>(status.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains("'AlwaysFails'", failure.ErrorMessage, StringComparison.Ordinal);
        var inner = Assert.IsType<TaskFailureDetails>(failure.InnerFailure);
        Assert.Equal(typeof(InvalidOperationException).FullName, inner.ErrorType);
        Assert.Equal("always fails: k2", inner.ErrorMessage);
        Assert.Contains("TestWorkflows", inner.StackTrace, StringComparison.Ordinal);
        Assert.True(inner.IsCausedBy<InvalidOperationException>());
        Assert.Null(status.SerializedOutput);
    }

    [Fact]
    public async Task A_retry_handler_that_declines_stops_after_the_first_attempt()
    {
        var status = await _engine.RunToEndAsync("RetryOnlyTransient", "k2b");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(1, _workflows.CallsOf("k2b")); // five attempts allowed, but the handler refuses this failure type
    }

    [Fact]
    public async Task Activity_failure_propagates_as_task_failed_exception()
    {
        var status = await _engine.RunToEndAsync("Fails", "k3");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(1, _workflows.CallsOf("k3"));
        Assert.Equal("always fails: k3", status.FailureDetails!.InnerFailure!.ErrorMessage);
    }

    [Fact]
    public async Task Orchestrator_exception_fails_the_instance_with_its_type_and_message()
    {
        var status = await _engine.RunToEndAsync("Throws");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(typeof(FormatException).FullName, status.FailureDetails!.ErrorType);
        Assert.StartsWith("orchestrator refuses", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sub_orchestration_runs_as_its_own_instance_and_returns_its_output()
    {
        var status = await _engine.RunToEndAsync("Parent", 4, "parent-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(50, status.ReadOutputAs<int>());
        var child = await _engine.GetInstanceAsync("parent-1-child");
        Assert.NotNull(child);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal("parent-1", child.ParentInstanceId);
        Assert.Equal(5, child.ReadOutputAs<int>());
        var created = Assert.Single(await _engine.GetHistoryAsync("parent-1"), e => e.EventType == HistoryEventType.SubOrchestrationCreated);
        Assert.Equal("parent-1-child", created.ChildInstanceId);
    }

    [Fact]
    public async Task Sub_orchestration_failure_reaches_the_parent_as_task_failed_exception()
    {
        var status = await _engine.RunToEndAsync("ParentOfFailure", "k4");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal($"Fails: {typeof(TaskFailedException).FullName} / always fails: k4", status.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Durable_timer_fires_no_earlier_than_its_fire_time()
    {
        var status = await _engine.RunToEndAsync("Timer", 50, "timer-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.True(status.ReadOutputAs<double>() >= 50.0);
        var history = await _engine.GetHistoryAsync("timer-1");
        var created = Assert.Single(history, e => e.EventType == HistoryEventType.TimerCreated);
        var fired = Assert.Single(history, e => e.EventType == HistoryEventType.TimerFired);
        Assert.Equal(history[0].Timestamp.AddMilliseconds(50), created.FireAt);
        Assert.True(fired.Timestamp >= created.FireAt);
    }

    [Fact]
    public async Task External_event_is_received_and_custom_status_is_visible_while_waiting()
    {
        var id = await _engine.ScheduleNewOrchestrationInstanceAsync("Approval", 60_000, "approval-1");
        await DurableHarness.UntilAsync(
            async () => (await _engine.GetInstanceAsync(id))?.SerializedCustomStatus == "{\"stage\":\"waiting\"}",
            "custom status 'waiting'");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _engine.GetInstanceAsync(id))!.RuntimeStatus);

        await _engine.RaiseEventAsync(id, "APPROVE", "bob"); // event names are case-insensitive, as in Durable Functions
        using var cts = new CancellationTokenSource(DurableHarness.Patience);
        var status = await _engine.WaitForInstanceCompletionAsync(id, cts.Token);

        Assert.Equal("approved:bob", status.ReadOutputAs<string>());
        Assert.Equal("{\"stage\":\"approved\"}", status.SerializedCustomStatus);
    }

    [Fact]
    public async Task External_event_wait_times_out_with_task_canceled_exception()
    {
        var status = await _engine.RunToEndAsync("Approval", 50);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("timeout", status.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Custom_status_over_16_KB_is_rejected_with_a_typed_error()
    {
        var rejected = await _engine.RunToEndAsync("HugeStatus", 16 * 1024);
        var accepted = await _engine.RunToEndAsync("HugeStatus", (16 * 1024) - 2);

        Assert.Equal($"rejected {(16 * 1024) + 2}", rejected.ReadOutputAs<string>()); // JSON string adds two quotes
        Assert.Equal("accepted", accepted.ReadOutputAs<string>());
        Assert.Equal((16 * 1024) - 2 + 2, accepted.SerializedCustomStatus!.Length);
    }

    [Fact]
    public async Task Terminate_stops_a_waiting_instance_and_later_calls_are_harmless()
    {
        var id = await _engine.ScheduleNewOrchestrationInstanceAsync("Approval", -1, "term-1");
        await DurableHarness.UntilAsync(async () => (await _engine.GetInstanceAsync(id))?.SerializedCustomStatus is not null, "instance waiting");

        await _engine.TerminateInstanceAsync(id, "stopped by test");
        var status = await _engine.GetInstanceAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, status!.RuntimeStatus);
        Assert.Equal("stopped by test", status.ReadOutputAs<string>());
        Assert.Equal(HistoryEventType.ExecutionTerminated, (await _engine.GetHistoryAsync(id))[^1].EventType);
        await _engine.RaiseEventAsync(id, "approve", "late");
        await _engine.TerminateInstanceAsync(id, "again");
        Assert.Equal("stopped by test", (await _engine.GetInstanceAsync(id))!.ReadOutputAs<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("../etc")]
    [InlineData("a b")]
    [InlineData("a'b")]
    [InlineData("a\nb")]
    [InlineData("%2F")]
    [InlineData("é")]
    [InlineData("a:b")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] // 65 chars
    public async Task Invalid_or_hostile_instance_ids_are_rejected_and_nothing_is_written(string id)
    {
        var ex = await Assert.ThrowsAsync<InvalidInstanceIdException>(() => _engine.ScheduleNewOrchestrationInstanceAsync("Sequence", 1, id));

        Assert.Equal("instanceId", ex.Field);
        Assert.Empty(await _engine.GetAllInstancesAsync());
        await Assert.ThrowsAsync<InvalidInstanceIdException>(() => _engine.GetInstanceAsync(id));
        await Assert.ThrowsAsync<InvalidInstanceIdException>(() => _engine.TerminateInstanceAsync(id));
        await Assert.ThrowsAsync<InvalidInstanceIdException>(() => _engine.RaiseEventAsync(id, "e"));
    }

    [Fact]
    public async Task A_64_character_id_is_accepted_and_a_duplicate_id_is_a_typed_conflict()
    {
        var id = new string('a', 62) + "-_";
        var status = await _engine.RunToEndAsync("Sequence", 1, id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);

        var ex = await Assert.ThrowsAsync<OrchestrationInstanceExistsException>(() => _engine.ScheduleNewOrchestrationInstanceAsync("Sequence", 2, id));
        Assert.Equal(id, ex.InstanceId);
        Assert.Equal("1", (await _engine.GetInstanceAsync(id))!.SerializedInput);
    }

    [Fact]
    public async Task Unknown_orchestrator_and_missing_instance_are_typed_errors()
    {
        var unknown = await Assert.ThrowsAsync<UnknownOrchestrationNameException>(() => _engine.ScheduleNewOrchestrationInstanceAsync("Nope"));
        Assert.Contains("Sequence", unknown.Rule, StringComparison.Ordinal);
        Assert.Null(await _engine.GetInstanceAsync("missing"));
        await Assert.ThrowsAsync<OrchestrationInstanceNotFoundException>(() => _engine.RaiseEventAsync("missing", "e"));
        await Assert.ThrowsAsync<OrchestrationInstanceNotFoundException>(() => _engine.TerminateInstanceAsync("missing"));
    }

    [Fact]
    public async Task Large_payloads_are_chunked_up_to_the_limit_and_rejected_beyond_it()
    {
        var ok = await _engine.RunToEndAsync("BigPayloads", 100_000);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ok.RuntimeStatus);
        Assert.Equal(100_000, ok.ReadOutputAs<int>());

        var tooBig = await _engine.RunToEndAsync("BigPayloads", DurableLimits.MaxPayloadChars);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, tooBig.RuntimeStatus);
        Assert.Equal(typeof(PayloadTooLargeException).FullName, tooBig.FailureDetails!.InnerFailure!.ErrorType);

        await Assert.ThrowsAsync<PayloadTooLargeException>(() =>
            _engine.ScheduleNewOrchestrationInstanceAsync("Sequence", new string('y', DurableLimits.MaxPayloadChars)));
    }

    [Fact]
    public async Task Instances_are_listed_with_status_filter()
    {
        await _engine.RunToEndAsync("Sequence", 1, "list-ok");
        await _engine.RunToEndAsync("Throws", null, "list-failed");

        var all = await _engine.GetAllInstancesAsync();
        var failed = await _engine.GetAllInstancesAsync(new OrchestrationQuery([OrchestrationRuntimeStatus.Failed]));

        Assert.Equal(["list-ok", "list-failed"], all.Select(s => s.InstanceId));
        Assert.Equal("list-failed", Assert.Single(failed).InstanceId);
        Assert.All(all, s => Assert.True(s.LastUpdatedAt >= s.CreatedAt));
    }

    [Fact]
    public async Task Continue_as_new_restarts_with_the_new_input_and_a_fresh_history()
    {
        var status = await _engine.RunToEndAsync("Counter", 0, "counter-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(4, status.ReadOutputAs<int>());
        Assert.Equal("3", status.SerializedInput); // input of the last generation
        var history = await _engine.GetHistoryAsync("counter-1");
        Assert.Equal(
            [HistoryEventType.ExecutionStarted, HistoryEventType.TaskScheduled, HistoryEventType.TaskCompleted, HistoryEventType.ExecutionCompleted],
            history.Select(e => e.EventType));
        Assert.Equal("3", history[0].Payload);
        Assert.True(ReplayVerifier.Verify(_engine.Registry, "counter-1", history).IsDeterministic);
    }

    [Fact]
    public async Task Continue_as_new_carries_over_events_not_yet_consumed()
    {
        var id = await _engine.ScheduleNewOrchestrationInstanceAsync("Accumulate", 0, "accumulate-1");
        await _engine.RaiseEventAsync(id, "add", 1);
        await _engine.RaiseEventAsync(id, "add", 2);
        await _engine.RaiseEventAsync(id, "add", 0);
        using var cts = new CancellationTokenSource(DurableHarness.Patience);

        var status = await _engine.WaitForInstanceCompletionAsync(id, cts.Token);

        Assert.Equal(3, status.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Awaiting_a_non_durable_task_fails_the_instance_instead_of_hanging()
    {
        var status = await _engine.RunToEndAsync("AwaitsDelay");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(typeof(InvalidOperationException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("does not come from its context", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sub_orchestration_retry_starts_a_new_child_instance_per_attempt()
    {
        var status = await _engine.RunToEndAsync("ParentRetriesChild", "k5", "retry-parent");

        Assert.Equal("gave up: always fails: k5", status.ReadOutputAs<string>());
        Assert.Equal(2, _workflows.CallsOf("k5"));
        var children = (await _engine.GetAllInstancesAsync()).Where(s => s.ParentInstanceId == "retry-parent").ToList();
        Assert.Equal(2, children.Count);
        Assert.All(children, c => Assert.Equal(OrchestrationRuntimeStatus.Failed, c.RuntimeStatus));
        Assert.NotEqual(children[0].InstanceId, children[1].InstanceId);
    }

    [Fact]
    public async Task Unknown_activity_fails_the_call_with_the_known_names()
    {
        var status = await _engine.RunToEndAsync("CallsUnknownActivity");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Contains("'NoSuchActivity'", status.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Contains("Add1", status.ReadOutputAs<string>(), StringComparison.Ordinal);
    }
}
