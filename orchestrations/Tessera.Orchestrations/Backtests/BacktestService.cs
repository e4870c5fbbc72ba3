using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using Tessera.Core.Backtest;
using Tessera.Core.Validation;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.Journal;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Runs;
using Tessera.Orchestrations.Universe;
using Tessera.Storage.Errors;

namespace Tessera.Orchestrations.Backtests;

/// <summary>Status of a backtest run (GET /api/backtests/{id}); Output once it completed.</summary>
public sealed record BacktestStatusView(string RunId, string Workflow, string Status, string? Step, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, BacktestRunOutput? Output, string? Failure);

/// <summary>
/// The application commands for backtest runs, shared by the local HTTP API, the CLI (<c>tessera backtests start</c>)
/// and the Functions app: validate the request, resolve and pin its universe, start BacktestRun, query it.
/// Like life-cycle runs, an accepted backtest run is recorded in the host's run journal (when it has one) before its
/// id is returned, so a crash or a power cut never loses it silently (<see cref="RunJournalReconciler"/>).
/// </summary>
public sealed class BacktestService(DurableTaskClient client, ProfileCatalog profiles, BacktestServices services, TimeProvider clock, IRunJournal? journal = null)
{
    /// <summary>Validates everything that can be checked before running (strategy names, parameters, grid, universe), pins the data, starts the run; returns its id.</summary>
    public async Task<string> StartAsync(BacktestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckStrategies(request);
        var runId = request.RunId is null
            ? RunId.New(clock.GetUtcNow().UtcDateTime, BacktestActivities.KindName(request.Kind), Guid.NewGuid())
            : RunId.Validate(request.RunId);
        var (universe, snapshot, source) = await ResolveAsync(request.Universe, cancellationToken).ConfigureAwait(false);
        var input = new BacktestRunInput(runId, request, universe, snapshot, source, clock.GetUtcNow().UtcDateTime);
        if (journal is not null && journal.Runs.TryGetValue(runId, out var prior) && prior.Outcome != JournalOutcome.NotStarted)
        {
            throw new RunAlreadyExistsException(runId); // accepted before (possibly lost): a run id names one run forever
        }

        if (journal is not null)
        {
            await journal.RecordAcceptedAsync(input, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            using var span = Telemetry.RunTrace.Begin(runId, BacktestSteps.Orchestrator, null);
            await client.ScheduleNewOrchestrationInstanceAsync(BacktestSteps.Orchestrator, input, RunService.NeverReplace(runId), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            await NotStartedAsync(runId, "a run with this id already exists").ConfigureAwait(false);
            throw new RunAlreadyExistsException(runId);
        }
        catch (Exception ex) when (journal is not null)
        {
            await NotStartedAsync(runId, "scheduling failed: " + ex.GetType().Name).ConfigureAwait(false);
            throw;
        }

        return runId;
    }

    /// <summary>The run's status; null when no backtest run has this id.</summary>
    public async Task<BacktestStatusView?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        RunId.Validate(runId);
        OrchestrationMetadata? metadata;
        try
        {
            metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            return null; // nothing was ever started on this storage
        }

        if (metadata is null)
        {
            return JournalView(runId);
        }

        return metadata.Name != BacktestSteps.Orchestrator ? null : ToView(metadata);
    }

    /// <summary>A backtest run the journal accepted that the runtime does not hold: Lost with the reason, or Pending while it is scheduled again; never a silent 404.</summary>
    private BacktestStatusView? JournalView(string runId)
    {
        if (journal is null || !journal.Runs.TryGetValue(runId, out var run) || run.Backtest is null)
        {
            return null;
        }

        return run.Outcome switch
        {
            JournalOutcome.Lost => new BacktestStatusView(runId, BacktestSteps.Orchestrator, "Lost", null, run.AcceptedAt, run.AcceptedAt, null, run.Reason),
            JournalOutcome.Accepted or JournalOutcome.Rescheduled or JournalOutcome.Recovering =>
                new BacktestStatusView(runId, BacktestSteps.Orchestrator, "Pending", null, run.AcceptedAt, run.AcceptedAt, null, JournalRun.NotHeldReason),
            _ => null,
        };
    }

    private Task NotStartedAsync(string runId, string reason) =>
        journal?.RecordOutcomeAsync(runId, JournalOutcome.NotStarted, reason, clock.GetUtcNow(), CancellationToken.None) ?? Task.CompletedTask;

    public async Task<BacktestStatusView> WaitAsync(string runId, CancellationToken cancellationToken = default) =>
        ToView(await client.WaitForInstanceCompletionAsync(RunId.Validate(runId), getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false));

    private static BacktestStatusView ToView(OrchestrationMetadata m) => new(
        m.InstanceId,
        m.Name,
        RunService.StatusName(m.RuntimeStatus),
        m.SerializedCustomStatus is null ? null : m.ReadCustomStatusAs<string>(),
        m.CreatedAt,
        m.LastUpdatedAt,
        m.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? m.ReadOutputAs<BacktestRunOutput>() : null,
        m.FailureDetails is { } f ? $"{f.ErrorType}: {f.ErrorMessage}" : null);

    /// <summary>Unknown strategies, parameters or grid values are 400s now, not a failed run later.</summary>
    private static void CheckStrategies(BacktestRequest request)
    {
        if (request.Kind == BacktestKind.Backtest)
        {
            StrategyFactory.Create(request.Strategy, request.Params);
            return;
        }

        var names = BacktestActivities.Strategies(request.Strategy);
        if (request.Kind == BacktestKind.Validate && names.Length != 1)
        {
            throw new Tessera.Core.Errors.TesseraValidationException("strategy", request.Strategy, "validate takes one strategy");
        }

        foreach (var name in names)
        {
            foreach (var g in ParameterGrid.Expand(request.Grid))
            {
                StrategyFactory.Create(name, g);
            }
        }
    }

    private async Task<(UniverseSettings Universe, Tessera.Storage.Lakehouse.SnapshotLineage? Snapshot, string Source)> ResolveAsync(BacktestUniverse universe, CancellationToken cancellationToken)
    {
        if (universe.LakehouseVersion is { } version)
        {
            var pinned = await SnapshotAtVersion.PinAsync(services.Blobs, services.Lakehouse, version, cancellationToken).ConfigureAwait(false);
            // The whole snapshot: every non-toxic symbol, every date.
            return (new UniverseSettings(UniverseSource.Lakehouse, int.MaxValue, int.MaxValue, 0, 0), pinned, $"lakehouse version {version}");
        }

        var profile = profiles.Get(universe.Profile!);
        if (profile.Universe.Source != UniverseSource.Lakehouse)
        {
            return (profile.Universe, null, $"universe {profile.Name} (synthetic, seed {profile.Universe.Seed})");
        }

        var current = await SnapshotPin.CurrentAsync(services.Lakehouse, cancellationToken).ConfigureAwait(false);
        return (profile.Universe, current, $"universe {profile.Name} (lakehouse version {current.Version})");
    }
}
