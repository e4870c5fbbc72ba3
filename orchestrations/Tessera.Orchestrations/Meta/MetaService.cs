using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Runs;
using Tessera.Orchestrations.Universe;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.Meta;

/// <summary>
/// Starts meta runs: resolves the meta profile (every rule checked, every sleeve profile loaded, cycles refused) before
/// anything is scheduled, pins the lakehouse snapshot for lakehouse sleeves, and schedules <see cref="MetaSteps.Orchestrator"/>
/// with instance id = run id, never replacing an existing run (409).
/// </summary>
public sealed class MetaService(DurableTaskClient client, MetaCatalog metas, TimeProvider clock, Lakehouse? lakehouse = null)
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
        try
        {
            using var span = Telemetry.RunTrace.Begin(id, MetaSteps.Orchestrator, plan.Name);
            await client.ScheduleNewOrchestrationInstanceAsync(MetaSteps.Orchestrator, new MetaInput(id, plan, now), RunService.NeverReplace(id), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            throw new RunAlreadyExistsException(id);
        }

        return id;
    }

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
