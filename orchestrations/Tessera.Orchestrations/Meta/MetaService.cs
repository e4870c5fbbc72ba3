using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.Journal;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Runs;
using Tessera.Orchestrations.Universe;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.Meta;

/// <summary>
/// Starts meta runs: resolves the meta profile (every rule checked, every sleeve profile loaded, cycles refused) before
/// anything is scheduled, pins the lakehouse snapshot for lakehouse sleeves, and schedules <see cref="MetaSteps.Orchestrator"/>
/// with instance id = run id, never replacing an existing run (409). Like a life cycle, an accepted meta run is recorded
/// in the host's run journal (when it has one) with its resolved plan before its id is returned, so a crash or a power
/// cut never loses it silently and a restart resumes it rather than starting it twice (<see cref="RunJournalReconciler"/>).
/// </summary>
/// <param name="journal">the host's accepted-run journal (local hosts); null where storage is durable on its own (Azure).</param>
public sealed class MetaService(DurableTaskClient client, MetaCatalog metas, TimeProvider clock, Lakehouse? lakehouse = null, IRunJournal? journal = null)
{
    public MetaCatalog Metas { get; } = metas;

    public async Task<string> StartAsync(string meta, string? runId, CancellationToken cancellationToken = default)
    {
        var plan = await PinAsync(Metas.Resolve(meta), cancellationToken).ConfigureAwait(false);
        return await StartAsync(plan, runId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> StartAsync(MetaPlan plan, string? runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = clock.GetUtcNow().UtcDateTime;
        var id = runId is null ? RunId.New(now, plan.Name, Guid.NewGuid()) : RunId.Validate(runId);
        var input = new MetaInput(id, plan, now);
        if (journal is not null && journal.Runs.TryGetValue(id, out var prior) && prior.Outcome != JournalOutcome.NotStarted)
        {
            throw new RunAlreadyExistsException(id); // accepted before (possibly lost): a run id names one run forever
        }

        // Durably recorded before anyone is told the run id: a crash from here on cannot silently lose the meta.
        if (journal is not null)
        {
            await journal.RecordAcceptedAsync(input, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            using var span = Telemetry.RunTrace.Begin(id, MetaSteps.Orchestrator, plan.Name);
            await client.ScheduleNewOrchestrationInstanceAsync(MetaSteps.Orchestrator, input, RunService.NeverReplace(id), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            await NotStartedAsync(id, "a run with this id already exists").ConfigureAwait(false);
            throw new RunAlreadyExistsException(id);
        }
        catch (Exception ex) when (journal is not null)
        {
            await NotStartedAsync(id, "scheduling failed: " + ex.GetType().Name).ConfigureAwait(false);
            throw;
        }

        return id;
    }

    private Task NotStartedAsync(string runId, string reason) =>
        journal?.RecordOutcomeAsync(runId, JournalOutcome.NotStarted, reason, clock.GetUtcNow(), CancellationToken.None) ?? Task.CompletedTask;

    private async Task<MetaPlan> PinAsync(MetaPlan plan, CancellationToken cancellationToken)
    {
        var sleeves = new List<PlannedSleeve>(plan.Sleeves.Count);
        foreach (var s in plan.Sleeves)
        {
            if (s.Profile is { } profile && profile.Universe.Source == UniverseSource.Lakehouse)
            {
                sleeves.Add(s with { Snapshot = await SnapshotPin.CurrentAsync(lakehouse, cancellationToken).ConfigureAwait(false) });
            }
            else if (s.Meta is { } inner)
            {
                sleeves.Add(s with { Meta = await PinAsync(inner, cancellationToken).ConfigureAwait(false) });
            }
            else
            {
                sleeves.Add(s);
            }
        }

        return plan with { Sleeves = sleeves };
    }
}
