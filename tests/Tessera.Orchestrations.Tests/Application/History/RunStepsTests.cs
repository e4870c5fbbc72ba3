using Tessera.Orchestrations.Application.History;
using Xunit;

namespace Tessera.Orchestrations.Tests.Application.History;

/// <summary>The fold of hand-written histories into steps: calls, attempts, retries, start and end.</summary>
public sealed class RunStepsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static HistoryRecord Scheduled(int id, string name, int second) => new("TaskScheduled", id, name, null, T0.AddSeconds(second));

    private static HistoryRecord Completed(int id, int second) => new("TaskCompleted", -1, null, id, T0.AddSeconds(second));

    private static HistoryRecord Failed(int id, int second) => new("TaskFailed", -1, null, id, T0.AddSeconds(second));

    private static HistoryRecord Other(string type, int second) => new(type, -1, null, null, T0.AddSeconds(second));

    [Fact]
    public void Sequential_steps_each_have_one_attempt_and_the_times_of_their_events()
    {
        var steps = RunSteps.FromHistory(
        [
            Other("OrchestratorStarted", 0), Other("ExecutionStarted", 0), Scheduled(0, "A", 1), Other("OrchestratorCompleted", 1),
            Completed(0, 3), Scheduled(1, "B", 4), Completed(1, 9), Other("ExecutionCompleted", 9),
        ]);
        Assert.Equal(
            [new RunStep("A", "Completed", 1, 1, 0, T0.AddSeconds(1), T0.AddSeconds(3)), new RunStep("B", "Completed", 1, 1, 0, T0.AddSeconds(4), T0.AddSeconds(9))],
            steps);
    }

    [Fact]
    public void A_failed_attempt_scheduled_again_is_one_retry()
    {
        var steps = RunSteps.FromHistory(
        [
            Scheduled(0, "Regime", 0), Failed(0, 1), Other("TimerCreated", 1), Other("TimerFired", 2), Scheduled(2, "Regime", 2), Completed(2, 4),
        ]);
        Assert.Equal([new RunStep("Regime", "Completed", 1, 2, 1, T0, T0.AddSeconds(4))], steps);
    }

    [Fact]
    public void A_fan_out_is_several_calls_of_one_step_not_retries()
    {
        // Two optimizers scheduled in one turn; the second fails once and is retried; both end.
        var steps = RunSteps.FromHistory(
        [
            Scheduled(6, "Optimize", 10), Scheduled(7, "Optimize", 10), Completed(6, 12), Failed(7, 13), Scheduled(8, "Optimize", 15), Completed(8, 17),
        ]);
        Assert.Equal([new RunStep("Optimize", "Completed", 2, 3, 1, T0.AddSeconds(10), T0.AddSeconds(17))], steps);
    }

    [Fact]
    public void A_failure_that_is_not_retried_fails_the_step_and_an_unanswered_attempt_is_running()
    {
        var failed = RunSteps.FromHistory([Scheduled(0, "A", 0), Failed(0, 1), Scheduled(1, "A", 3), Failed(1, 4), Scheduled(2, "A", 8), Failed(2, 9)]);
        Assert.Equal([new RunStep("A", "Failed", 1, 3, 2, T0, T0.AddSeconds(9))], failed);

        var running = RunSteps.FromHistory([Scheduled(0, "A", 0), Completed(0, 1), Scheduled(1, "B", 2)]);
        Assert.Equal(new RunStep("B", "Running", 1, 1, 0, T0.AddSeconds(2), null), running[1]);
    }

    [Fact]
    public void An_answer_to_an_unknown_task_is_ignored_and_an_empty_history_has_no_steps()
    {
        Assert.Empty(RunSteps.FromHistory([]));
        Assert.Equal([new RunStep("A", "Completed", 1, 1, 0, T0, T0.AddSeconds(1))], RunSteps.FromHistory([Completed(42, 0), Scheduled(0, "A", 0), Completed(0, 1)]));
    }
}
