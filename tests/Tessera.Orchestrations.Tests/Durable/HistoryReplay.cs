using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Tessera.Orchestrations.Tests.Durable;

/// <summary>What replaying a recorded history found.</summary>
/// <param name="RecordedSteps">activity / sub-orchestration names in the order the history scheduled them.</param>
/// <param name="Outcome">the orchestration's final action after replay: Completed when every recorded step was scheduled again in order.</param>
public sealed record ReplayResult(IReadOnlyList<string> RecordedSteps, OrchestrationStatus? Outcome, string? Failure)
{
    public bool IsDeterministic => Outcome == OrchestrationStatus.Completed;
}

/// <summary>
/// Replays an orchestration's recorded history through DurableTask.Core's own executor, with the orchestrator
/// adapted by the SDK's shim (the path the worker itself takes when it resumes an orchestration). If the code
/// schedules a different step, or the same steps in another order, than the history recorded, the executor raises
/// a NonDeterministicOrchestrationException and the replay ends Failed.
/// </summary>
public static class HistoryReplay
{
    public static ReplayResult Replay<TIn, TOut>(string name, Func<TaskOrchestrationContext, TIn, Task<TOut>> orchestrator, IReadOnlyList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var steps = new List<string>();
        var events = new List<HistoryEvent>();
        foreach (var e in history)
        {
            if (e is ExecutionCompletedEvent)
            {
                continue; // replay must produce the completion itself
            }

            if (e is TaskScheduledEvent scheduled)
            {
                steps.Add(scheduled.Name ?? "?");
            }
            else if (e is SubOrchestrationInstanceCreatedEvent created)
            {
                steps.Add(created.Name ?? "?");
            }

            events.Add(e);
        }

        var state = new OrchestrationRuntimeState(events);
        var shim = DurableTaskShimFactory.Default.CreateOrchestration(new TaskName(name), new FuncOrchestrator<TIn, TOut>(orchestrator));
        var result = new TaskOrchestrationExecutor(state, shim, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails).Execute();
        var completion = result.Actions.OfType<OrchestrationCompleteOrchestratorAction>().LastOrDefault();
        var failure = completion?.FailureDetails is { } f ? $"{f.ErrorType}: {f.ErrorMessage}" : null;
        return new ReplayResult(steps, completion?.OrchestrationStatus, failure);
    }

    private sealed class FuncOrchestrator<TIn, TOut>(Func<TaskOrchestrationContext, TIn, Task<TOut>> run) : TaskOrchestrator<TIn, TOut>
    {
        public override Task<TOut> RunAsync(TaskOrchestrationContext context, TIn input) => run(context, input);
    }
}
