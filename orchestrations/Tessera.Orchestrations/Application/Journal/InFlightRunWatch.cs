using Microsoft.DurableTask.Client;

namespace Tessera.Orchestrations.Application.Journal;

/// <summary>What the watch did with the runs left in flight by an unclean stop.</summary>
public sealed record InFlightWatchReport(IReadOnlyList<string> Settled, IReadOnlyList<string> Rescheduled, IReadOnlyList<string> Lost);

/// <summary>
/// Settles the runs an unclean stop of the storage left in flight (and those the reconciliation scheduled again after it). Their history may be torn (a step recorded as
/// completed whose artifact the emulator never saved), so the runtime resumes them and they may end Failed for a
/// reason that has nothing to do with their input. Terminating them early and scheduling the id again races with the
/// termination message, so the watch lets each run end first and only then decides:
/// <list type="bullet">
/// <item>completed with a manifest whose artifacts verify: settled;</item>
/// <item>ended any other way (failed, terminated, completed without a verifiable manifest): purged and scheduled again
/// from the journal (runs are deterministic functions of their inputs and artifacts are write-once);</item>
/// <item>no progress for <c>stallAfter</c> (a queue message the emulator never saved leaves a run waiting forever; a
/// meta's progress includes its sleeves', <see cref="JournalRun.SleeveRunsOfMeta"/>):
/// terminated, and once the runtime reports it terminated, purged and scheduled again; if it cannot be ended, marked
/// lost with the reason.</item>
/// </list>
/// Runs are scheduled again at most once by the watch: a second start on clean storage is an ordinary run.
/// </summary>
public static class InFlightRunWatch
{
    public static async Task<InFlightWatchReport> WatchAsync(
        IRunJournal journal,
        DurableTaskClient client,
        TimeProvider clock,
        IReadOnlyList<string> runIds,
        Func<string, CancellationToken, Task<bool>> artifactsIntact,
        TimeSpan stallAfter,
        TimeSpan pollInterval,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(runIds);
        ArgumentNullException.ThrowIfNull(artifactsIntact);
        var settled = new List<string>();
        var rescheduled = new List<string>();
        var lost = new List<string>();

        // The watch starts counting a run's silence when it starts: the runtime needs a lease and a visibility
        // timeout before it picks up work the dead process held.
        var lastProgress = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var terminating = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var id in runIds)
        {
            lastProgress[id] = clock.GetUtcNow();

            // Marked first, so that status and the API never show an end the watch is about to undo.
            await journal.RecordOutcomeAsync(id, JournalOutcome.Recovering, "left in flight by an unclean stop of the storage; watched until it ends", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        while (lastProgress.Count > 0)
        {
            foreach (var runId in lastProgress.Keys.ToList())
            {
                if (!journal.Runs.TryGetValue(runId, out var run))
                {
                    lastProgress.Remove(runId);
                    continue;
                }

                var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
                var now = clock.GetUtcNow();
                string? why = null;
                if (instance is null)
                {
                    why = "after an unclean stop of the storage the task hub lost this run while it was in flight";
                }
                else if (instance.IsCompleted)
                {
                    if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && await artifactsIntact(runId, cancellationToken).ConfigureAwait(false))
                    {
                        settled.Add(runId);
                        await journal.RecordOutcomeAsync(runId, JournalOutcome.Settled, instance.RuntimeStatus.ToString(), now, cancellationToken).ConfigureAwait(false);
                        lastProgress.Remove(runId);
                        continue;
                    }

                    var failure = instance.FailureDetails is { } f ? $" ({f.ErrorType}: {f.ErrorMessage})" : string.Empty;
                    why = $"the run was in flight when the storage stopped uncleanly and ended {instance.RuntimeStatus}{failure}; its state may have been torn";
                    if (!await RunJournalReconciler.DiscardAsync(client, runId, cancellationToken).ConfigureAwait(false))
                    {
                        await MarkLostAsync(journal, runId, why + "; it could not be purged", now, lost, cancellationToken).ConfigureAwait(false);
                        lastProgress.Remove(runId);
                        continue;
                    }
                }
                else if (terminating.TryGetValue(runId, out var since))
                {
                    if (now - since > stallAfter)
                    {
                        await MarkLostAsync(journal, runId, $"it made no progress for {stallAfter.TotalSeconds:0} s after an unclean stop of the storage and did not end when terminated", now, lost, cancellationToken).ConfigureAwait(false);
                        lastProgress.Remove(runId);
                    }

                    continue;
                }
                else
                {
                    var progress = instance.LastUpdatedAt > lastProgress[runId] ? instance.LastUpdatedAt : lastProgress[runId];
                    foreach (var sleeve in run.SleeveRunsOfMeta())
                    {
                        // A meta progresses while its sleeves do: their updates count as its own.
                        if (await client.GetInstanceAsync(sleeve, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is { } child && child.LastUpdatedAt > progress)
                        {
                            progress = child.LastUpdatedAt;
                        }
                    }

                    lastProgress[runId] = progress;
                    if (now - progress > stallAfter)
                    {
                        terminating[runId] = now;
                        await client.TerminateInstanceAsync(runId, new TerminateInstanceOptions { Output = "stalled after an unclean stop of the storage; it will be scheduled again" }, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                lastProgress.Remove(runId);
                switch (await RunJournalReconciler.RescheduleAsync(journal, client, clock, run, why, cancellationToken).ConfigureAwait(false))
                {
                    case RunJournalReconciler.RescheduleResult.Scheduled:
                        rescheduled.Add(runId);
                        break;
                    case RunJournalReconciler.RescheduleResult.Lost:
                        lost.Add(runId);
                        break;
                    default:
                        break; // another process on the hub scheduled it meanwhile
                }
            }

            if (lastProgress.Count > 0)
            {
                await Task.Delay(pollInterval, clock, cancellationToken).ConfigureAwait(false);
            }
        }

        return new InFlightWatchReport(settled, rescheduled, lost);
    }

    private static async Task MarkLostAsync(IRunJournal journal, string runId, string why, DateTimeOffset now, List<string> lost, CancellationToken cancellationToken)
    {
        lost.Add(runId);
        await journal.RecordOutcomeAsync(runId, JournalOutcome.Lost, why, now, cancellationToken).ConfigureAwait(false);
    }
}
