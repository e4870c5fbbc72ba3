using Tessera.Durable.Tests.TestSupport;
using Xunit;
using static Tessera.Durable.Tests.TestSupport.Histories;

namespace Tessera.Durable.Tests.Replay;

public sealed class ReplayVerifierTests
{
    private static readonly IReadOnlyList<HistoryEvent> SequenceHistory = Of(
        Started("Sequence", "5"),
        Scheduled(0, "Add1"),
        Completed(0, "6", 10),
        Scheduled(1, "Double", 10),
        Completed(1, "12", 20),
        Scheduled(2, "Add1", 20),
        Completed(2, "13", 30),
        new HistoryEvent(0, HistoryEventType.ExecutionCompleted, T0.AddMilliseconds(30), "Sequence", -1, "13"));

    [Fact]
    public void Replaying_a_recorded_history_schedules_the_same_steps_without_running_activities()
    {
        var registry = ThrowingActivities(SequenceOrchestrator(["Add1", "Double", "Add1"]));

        var result = ReplayVerifier.Verify(registry, "seq", SequenceHistory);

        Assert.True(result.IsDeterministic);
        Assert.Null(result.FirstDifference());
        Assert.Equal(
            [new ScheduledStep(StepKind.Activity, "Add1", 0), new ScheduledStep(StepKind.Activity, "Double", 1), new ScheduledStep(StepKind.Activity, "Add1", 2)],
            result.ReplayedSteps);
        Assert.Equal(result.RecordedSteps, result.ReplayedSteps);
    }

    [Fact]
    public void A_different_step_at_the_same_position_is_non_deterministic()
    {
        var registry = ThrowingActivities(SequenceOrchestrator(["Add1", "Add1", "Add1"]));

        var result = ReplayVerifier.Replay(registry, "seq", SequenceHistory);
        var ex = Assert.Throws<NonDeterministicOrchestrationException>(() => ReplayVerifier.Verify(registry, "seq", SequenceHistory));

        Assert.False(result.IsDeterministic);
        Assert.Equal(1, ex.TaskId);
        Assert.Equal("Activity 'Double'", ex.Expected);
        Assert.Equal("Activity 'Add1'", ex.Actual);
    }

    [Fact]
    public void Fewer_steps_than_recorded_is_non_deterministic()
    {
        var registry = ThrowingActivities(SequenceOrchestrator(["Add1", "Double"]));

        var result = ReplayVerifier.Replay(registry, "seq", SequenceHistory);

        Assert.False(result.IsDeterministic);
        Assert.Equal(2, Assert.IsType<NonDeterministicOrchestrationException>(result.NonDeterminism).TaskId);
        Assert.Equal(result.NonDeterminism.Message, result.FirstDifference());
        Assert.Equal(2, result.ReplayedSteps.Count);
        Assert.Throws<NonDeterministicOrchestrationException>(() => ReplayVerifier.Verify(registry, "seq", SequenceHistory));
    }

    [Fact]
    public void Steps_missing_from_the_recording_are_reported_at_the_first_difference()
    {
        var registry = ThrowingActivities(SequenceOrchestrator(["Add1", "Double", "Add1"]));
        var truncated = SequenceHistory.Take(3).ToList(); // Started, Scheduled #0, Completed #0: the crash lost #1

        var result = ReplayVerifier.Replay(registry, "seq", truncated);

        Assert.False(result.IsDeterministic);
        Assert.Equal("step 1: recorded (nothing), replayed #1 Activity 'Double'", result.FirstDifference());
    }

    [Fact]
    public void A_timer_where_history_has_an_activity_is_non_deterministic()
    {
        var registry = ThrowingActivities(new DurableRegistry().AddOrchestrator<int>("Sequence", async ctx =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddSeconds(1), CancellationToken.None);
            return 0;
        }));

        var ex = Assert.Throws<NonDeterministicOrchestrationException>(() => ReplayVerifier.Verify(registry, "seq", SequenceHistory));

        Assert.Equal("Timer 'timer'", ex.Actual);
    }

    private static DurableRegistry SequenceOrchestrator(string[] steps) =>
        new DurableRegistry().AddOrchestrator<int, int>("Sequence", async (ctx, x) =>
        {
            foreach (var step in steps)
            {
                x = await ctx.CallActivityAsync<int>(step, x);
            }

            return x;
        });

    // Replay must never execute an activity: these throw if called.
    private static DurableRegistry ThrowingActivities(DurableRegistry registry) =>
        registry
            .AddActivity<int, int>("Add1", (_, _) => throw new InvalidOperationException("executed during replay"))
            .AddActivity<int, int>("Double", (_, _) => throw new InvalidOperationException("executed during replay"));
}
