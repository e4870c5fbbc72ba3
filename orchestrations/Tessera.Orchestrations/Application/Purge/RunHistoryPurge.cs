using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application.Journal;
using Tessera.Orchestrations.Runs;
using Tessera.Storage.Errors;

namespace Tessera.Orchestrations.Application.Purge;

/// <summary>What a purge did: the cut-off (runs created before it were candidates), the purged ids, the kept ones with their mark.</summary>
public sealed record PurgeReport(DateTimeOffset CreatedBefore, IReadOnlyList<string> Purged, IReadOnlyList<ProtectedRun> Kept);

/// <summary>A finished run older than the cut-off whose history was kept because governance marked it.</summary>
public sealed record ProtectedRun(string RunId, string Mark);

/// <summary>
/// <c>tessera runs purge --older-than 30d</c> and the daily PurgeRunHistory timer (both hosts): deletes the durable
/// runtime's record (instance row, history, large-message blobs of the task hub) of every finished run — Completed,
/// Failed or Terminated — created more than the given age ago, except runs governance marked (<see cref="IRunProtection"/>).
/// Only the runtime's history goes: Tessera's own data (runs/&lt;run_id&gt;/ artifacts, the lakehouse, ledgers,
/// tables) is never touched, because this class only ever calls the durable client. Runs still pending or running
/// are never purged whatever their age. Instances are purged one by one (not with a filter purge) so a protected
/// run is never deleted, even between the check and the delete of another run.
/// </summary>
/// <param name="journal">the host's accepted-run journal, if any: a purged run is settled there, so a later start never
/// takes the runtime's forgetting for a loss and schedules the run again.</param>
public sealed class RunHistoryPurge(IRunProtection protection, TimeProvider clock, IRunJournal? journal = null)
{
    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public async Task<PurgeReport> PurgeAsync(DurableTaskClient client, RetentionAge olderThan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var cutoff = clock.GetUtcNow() - olderThan.Value;

        // The candidates first, then the deletes: deleting while paging would move the query's continuation point.
        var candidates = new List<string>();
        try
        {
            var query = new OrchestrationQuery { CreatedTo = cutoff, Statuses = Finished, PageSize = 100 };
            await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                // CreatedTo is checked again here: the filter is the backend's, the promise is ours.
                if (instance.CreatedAt < cutoff && Array.IndexOf(Finished, instance.RuntimeStatus) >= 0)
                {
                    candidates.Add(instance.InstanceId);
                }
            }
        }
        catch (StorageNotFoundException)
        {
            return new PurgeReport(cutoff, [], []); // no task hub on this storage yet: nothing to purge
        }

        var purged = new List<string>();
        var kept = new List<ProtectedRun>();
        foreach (var id in candidates)
        {
            // Marks are keyed by run id; an instance id that is not a valid run id (e.g. from before the lowercase rule) cannot carry one.
            if (RunId.IsValid(id) && await protection.MarkOfAsync(id, cancellationToken).ConfigureAwait(false) is { } mark)
            {
                kept.Add(new ProtectedRun(id, mark));
                continue;
            }

            var result = await client.PurgeInstanceAsync(id, cancellation: cancellationToken).ConfigureAwait(false);
            if (result.PurgedInstanceCount > 0)
            {
                purged.Add(id);
                if (journal is not null && journal.Runs.TryGetValue(id, out var run) && run.Outcome is JournalOutcome.Accepted or JournalOutcome.Rescheduled)
                {
                    await journal.RecordOutcomeAsync(id, JournalOutcome.Settled, "history purged", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return new PurgeReport(cutoff, purged, kept);
    }
}
