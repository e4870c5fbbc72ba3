using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.LifeCycle;

namespace Tessera.Orchestrations.Application.Journal;

/// <summary>What reconciliation did with the journal's unsettled runs.</summary>
public sealed record ReconcileReport(int Checked, int Running, int Settled, IReadOnlyList<string> Rescheduled, IReadOnlyList<string> Lost);

/// <summary>
/// Compares the journal with the task hub when a host starts. A run the task hub does not know (storage lost its last
/// writes: a power cut of the embedded emulator) is scheduled again from its journaled input — runs are deterministic
/// functions of their inputs and their artifacts are write-once, so a re-run writes the same bytes; if that fails the
/// run is marked lost with the reason. Runs the task hub holds in a terminal state are settled.
/// </summary>
public static class RunJournalReconciler
{
    public static async Task<ReconcileReport> ReconcileAsync(IRunJournal journal, DurableTaskClient client, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(clock);
        int checkedRuns = 0, running = 0, settled = 0;
        var rescheduled = new List<string>();
        var lost = new List<string>();
        foreach (var run in journal.Runs.Values.ToList())
        {
            if (run.Outcome is not (JournalOutcome.Accepted or JournalOutcome.Rescheduled))
            {
                continue;
            }

            checkedRuns++;
            var instance = await client.GetInstanceAsync(run.RunId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (instance is { IsCompleted: true })
            {
                settled++;
                await journal.RecordOutcomeAsync(run.RunId, JournalOutcome.Settled, instance.RuntimeStatus.ToString(), clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (instance is not null)
            {
                running++; // the runtime resumes it from its history
                continue;
            }

            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    LifeCycleSteps.Orchestrator, run.Input, RunService.NeverReplace(run.RunId), cancellationToken).ConfigureAwait(false);
                rescheduled.Add(run.RunId);
                await journal.RecordOutcomeAsync(
                    run.RunId, JournalOutcome.Rescheduled, "the task hub had no record of this accepted run (storage lost its last writes); scheduled again from the journal", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch (OrchestrationAlreadyExistsException)
            {
                running++; // another process on the hub scheduled it meanwhile
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                lost.Add(run.RunId);
                await journal.RecordOutcomeAsync(
                    run.RunId, JournalOutcome.Lost, $"could not be scheduled again after a restart: {ex.GetType().Name}: {ex.Message}", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }

        return new ReconcileReport(checkedRuns, running, settled, rescheduled, lost);
    }
}
