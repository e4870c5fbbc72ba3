using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.LifeCycle;

namespace Tessera.Orchestrations.Application.Journal;

/// <summary>What reconciliation did with the journal's unsettled runs.</summary>
/// <param name="InFlight">runs the runtime resumes from their history (their ids; <see cref="Running"/> counts them).</param>
public sealed record ReconcileReport(int Checked, int Running, int Settled, IReadOnlyList<string> Rescheduled, IReadOnlyList<string> Lost, IReadOnlyList<string> InFlight);

/// <summary>
/// Compares the journal with the task hub when a host starts. Runs are deterministic functions of their inputs and
/// their artifacts are write-once (an identical rewrite is accepted), so running one again from its journaled input
/// is always safe:
/// <list type="bullet">
/// <item>a run the task hub does not know (storage lost its last writes) is scheduled again;</item>
/// <item>after an unclean stop of the storage itself (the embedded emulator died without saving: a power cut), the task
/// hub's tables, queues and the run's blobs may each have lost a different last fraction of a second, so a run that
/// ended failed, or completed with a missing or altered artifact, is purged and scheduled again (runs still in flight
/// are left to resume, and <see cref="InFlightRunWatch"/> settles them once they end);</item>
/// <item>runs the task hub holds in a terminal state are settled.</item>
/// </list>
/// A run that cannot be scheduled again is marked lost with the reason (status and the API show it).
/// </summary>
public static class RunJournalReconciler
{
    /// <param name="storageStoppedUncleanly">the storage may hold a torn state (see above).</param>
    /// <param name="artifactsIntact">whether a completed run's manifest and artifacts verify (used after an unclean stop).</param>
    public static async Task<ReconcileReport> ReconcileAsync(
        IRunJournal journal,
        DurableTaskClient client,
        TimeProvider clock,
        bool storageStoppedUncleanly,
        Func<string, CancellationToken, Task<bool>> artifactsIntact,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(artifactsIntact);
        int checkedRuns = 0, running = 0, settled = 0;
        var rescheduled = new List<string>();
        var lost = new List<string>();
        var inFlight = new List<string>();
        foreach (var run in journal.Runs.Values.ToList())
        {
            if (run.Outcome is not (JournalOutcome.Accepted or JournalOutcome.Rescheduled or JournalOutcome.Recovering))
            {
                continue;
            }

            checkedRuns++;
            var instance = await client.GetInstanceAsync(run.RunId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            string why;
            if (instance is null)
            {
                why = "the task hub had no record of this accepted run (storage lost its last writes)";
            }
            else if (storageStoppedUncleanly && instance.IsCompleted
                && !(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && await artifactsIntact(run.RunId, cancellationToken).ConfigureAwait(false)))
            {
                why = $"the storage stopped uncleanly and the run ended {instance.RuntimeStatus} without a verifiable manifest; its state may be torn";
                if (!await DiscardAsync(client, run.RunId, cancellationToken).ConfigureAwait(false))
                {
                    lost.Add(run.RunId);
                    await journal.RecordOutcomeAsync(run.RunId, JournalOutcome.Lost, why + "; it could not be terminated and purged", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            else if (instance.IsCompleted)
            {
                settled++;
                await journal.RecordOutcomeAsync(run.RunId, JournalOutcome.Settled, instance.RuntimeStatus.ToString(), clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                continue;
            }
            else
            {
                running++; // the runtime resumes it from its history
                inFlight.Add(run.RunId);
                continue;
            }

            switch (await RescheduleAsync(journal, client, clock, run, why, cancellationToken).ConfigureAwait(false))
            {
                case RescheduleResult.Scheduled:
                    rescheduled.Add(run.RunId);
                    break;
                case RescheduleResult.AlreadyRunning:
                    running++; // another process on the hub scheduled it meanwhile
                    break;
                default:
                    lost.Add(run.RunId);
                    break;
            }
        }

        return new ReconcileReport(checkedRuns, running, settled, rescheduled, lost, inFlight);
    }

    internal enum RescheduleResult
    {
        Scheduled,
        AlreadyRunning,
        Lost,
    }

    /// <summary>Schedules a journaled run again from its journaled input; records the outcome (rescheduled or lost) with the reason.</summary>
    internal static async Task<RescheduleResult> RescheduleAsync(IRunJournal journal, DurableTaskClient client, TimeProvider clock, JournalRun run, string why, CancellationToken cancellationToken)
    {
        try
        {
            // Same run id, same trace id: the re-run's spans join the first attempt's trace.
            using (Telemetry.RunTrace.Begin(run.RunId, run.Orchestrator, null))
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    run.Orchestrator, run.ScheduledInput, RunService.NeverReplace(run.RunId), cancellationToken).ConfigureAwait(false);
            }

            await journal.RecordOutcomeAsync(run.RunId, JournalOutcome.Rescheduled, why + "; scheduled again from the journal", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return RescheduleResult.Scheduled;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return RescheduleResult.AlreadyRunning;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await journal.RecordOutcomeAsync(
                run.RunId, JournalOutcome.Lost, $"{why}; it could not be scheduled again: {ex.GetType().Name}: {ex.Message}", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return RescheduleResult.Lost;
        }
    }

    /// <summary>
    /// Purges a terminal instance's history and waits until it is gone. Non-terminal instances are never discarded:
    /// terminating one and scheduling its id again races with the termination message (seen in tests: the new run
    /// was terminated), so a run still in flight after an unclean stop is left to resume from its history, and
    /// <see cref="InFlightRunWatch"/> discards it only once it has ended.
    /// </summary>
    internal static async Task<bool> DiscardAsync(DurableTaskClient client, string runId, CancellationToken cancellationToken)
    {
        await client.PurgeInstanceAsync(runId, cancellation: cancellationToken).ConfigureAwait(false);

        // Scheduled again only once the old instance is gone for good, so nothing of it can reach the new one.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is null)
            {
                return true;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }
}
