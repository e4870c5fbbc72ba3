using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Application.History;
using Tessera.Orchestrations.Application.Journal;
using Tessera.Orchestrations.Application.Listing;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Runs;
using Tessera.Orchestrations.Universe;
using Tessera.Storage.Errors;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.Application;

/// <summary>Status of a run as both hosts return it (GET /api/runs/{id}).</summary>
public sealed record RunStatusView(
    string RunId,
    string Workflow,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    LifeCycleProgress? Progress,
    LifeCycleOutput? Output,
    string? Failure,
    IReadOnlyList<RunStep>? Steps = null);

/// <summary>
/// The application commands for runs, shared by the local host, the CLI and the Azure Functions twin:
/// validate, start, query, fetch the report. Hosts only translate HTTP/CLI to these calls.
/// </summary>
/// <param name="journal">the host's accepted-run journal (local hosts); null where storage is durable on its own (Azure).</param>
/// <param name="history">the runtime's history, for the steps of a run's status; null: the status has no steps.</param>
public sealed class RunService(DurableTaskClient client, ProfileCatalog profiles, RunArtifactStore artifacts, TimeProvider clock, Lakehouse? lakehouse = null, IRunJournal? journal = null, IRunHistory? history = null, RunIndex? index = null)
{
    /// <summary>Validates the request and starts the atomic life cycle; returns the run id.</summary>
    public async Task<string> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!profiles.Names().Contains(request.Profile, StringComparer.Ordinal) && Meta.MetaCatalog.Beside(profiles) is var metas && metas.Contains(request.Profile))
        {
            // One start route: a meta profile's name starts the meta portfolio (config/metas, docs/META.md).
            return await new Meta.MetaService(client, metas, clock, lakehouse, journal).StartAsync(request.Profile, request.RunId, cancellationToken).ConfigureAwait(false);
        }

        var profile = profiles.Get(request.Profile);
        var runId = request.RunId is null
            ? RunId.New(clock.GetUtcNow().UtcDateTime, profile.Name, Guid.NewGuid())
            : RunId.Validate(request.RunId);
        var snapshot = profile.Universe.Source == UniverseSource.Lakehouse ? await SnapshotPin.CurrentAsync(lakehouse, cancellationToken).ConfigureAwait(false) : null;
        var input = new LifeCycleInput(runId, profile, snapshot, clock.GetUtcNow().UtcDateTime);
        if (journal is not null && journal.Runs.TryGetValue(runId, out var prior) && prior.Outcome != JournalOutcome.NotStarted)
        {
            throw new RunAlreadyExistsException(runId); // accepted before (possibly lost): a run id names one run forever
        }

        // Durably recorded before anyone is told the run id: a crash from here on cannot silently lose the run.
        if (journal is not null)
        {
            await journal.RecordAcceptedAsync(input, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // The run's root span: its trace id is the run's (RunTraceId), carried by the runtime into every step.
            using var span = Telemetry.RunTrace.Begin(runId, LifeCycleSteps.Orchestrator, profile.Name);
            await client.ScheduleNewOrchestrationInstanceAsync(LifeCycleSteps.Orchestrator, input, NeverReplace(runId), cancellationToken).ConfigureAwait(false);
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

        if (index is not null)
        {
            await index.RecordAcceptedAsync(runId, profile.Name, "atomic_life_cycle", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return runId;
    }

    /// <summary>A run's status with each step's start, end and retries from the runtime's history; null when no such run exists.</summary>
    public async Task<RunStatusView?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        RunId.Validate(runId);
        try
        {
            // The journal's verdict comes first: a run the host gave up on is Lost even if the runtime still holds a
            // stalled instance of it.
            if (LostView(runId) is { } lost)
            {
                return lost;
            }

            var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            if (metadata is null)
            {
                return RecoveringView(runId);
            }

            var steps = history is null ? null : RunSteps.FromHistory(await history.ReadAsync(runId, cancellationToken).ConfigureAwait(false));
            var view = ToView(metadata) with { Steps = steps };

            // Watched after a power cut: an end is final only once the watch has checked it (a torn run is scheduled again).
            return metadata.IsCompleted && journal is not null && journal.Runs.TryGetValue(runId, out var watched) && watched.Outcome == JournalOutcome.Recovering
                ? view with { Status = "Running", Output = null, Failure = $"recovering after an unclean stop of the storage (the runtime reports {view.Status}; a torn run is scheduled again)" }
                : view;
        }
        catch (StorageNotFoundException)
        {
            return null; // no run was ever started on this storage: its tables do not exist yet
        }
    }

    /// <summary>
    /// One page of runs, in the runtime's order (by run id on the Azure Storage backend). Runs the journal marked lost
    /// (unknown to the runtime) come on the first page when no status filter is given, so they are never invisible.
    /// </summary>
    public async Task<RunPage> ListRunsAsync(RunPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var views = new List<RunStatusView>();
        string? next = null;
        var query = new OrchestrationQuery
        {
            FetchInputsAndOutputs = true,
            PageSize = request.PageSize,
            ContinuationToken = request.ContinuationToken,
            Statuses = request.Status is { } status ? [status] : null,
        };
        try
        {
            await foreach (var page in client.GetAllInstancesAsync(query).AsPages(request.ContinuationToken, request.PageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (var m in page.Values)
                {
                    if (m.Name is LifeCycleSteps.Orchestrator or Backtests.BacktestSteps.Orchestrator or Meta.MetaSteps.Orchestrator)
                    {
                        views.Add(ToView(m));
                    }
                }

                next = string.IsNullOrEmpty(page.ContinuationToken) ? null : RunPageToken.Wrap(page.ContinuationToken);
                break; // one page per call: the caller asks for the next with the token
            }
        }
        catch (StorageNotFoundException)
        {
            // no run was ever started on this storage
        }

        if (journal is not null && request.ContinuationToken is null && request.Status is null)
        {
            foreach (var run in journal.Runs.Values)
            {
                if (run.Outcome == JournalOutcome.Lost && views.TrueForAll(v => v.RunId != run.RunId)
                    && await client.GetInstanceAsync(run.RunId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is null)
                {
                    views.Add(LostView(run.RunId)!);
                }
            }
        }

        return new RunPage(views, next);
    }


    /// <summary>
    /// The HTML report of a completed run with its forensic-trace timeline (when sealed), or null when the run or its
    /// report does not exist (yet).
    /// </summary>
    public async Task<byte[]?> GetReportAsync(string runId, CancellationToken cancellationToken = default)
    {
        RunId.Validate(runId);
        try
        {
            var report = await artifacts.ReadAsync(runId, "report.html", cancellationToken).ConfigureAwait(false);
            // The stored report is a result (in the manifest, the same bytes at every execution); the timeline of the
            // run's spans is an observation, added when the report is served.
            return await Telemetry.ForensicTrace.ReadSealedAsync(artifacts, runId, cancellationToken).ConfigureAwait(false) is { } trace
                ? Telemetry.ForensicTrace.WithTimeline(report, trace)
                : report;
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The run's sealed forensic_trace.json (every span, every worker), or null when it is not sealed (yet).</summary>
    public async Task<Telemetry.ForensicTraceDocument?> GetTraceAsync(string runId, CancellationToken cancellationToken = default)
    {
        RunId.Validate(runId);
        return await Telemetry.ForensicTrace.ReadSealedAsync(artifacts, runId, cancellationToken).ConfigureAwait(false);
    }

    public Task<OrchestrationMetadata> WaitForRunAsync(string runId, CancellationToken cancellationToken = default) =>
        client.WaitForInstanceCompletionAsync(RunId.Validate(runId), getInputsAndOutputs: true, cancellationToken);

    /// <summary>
    /// A run id names one run forever: starting it again must fail (409), whatever state the first one is in.
    /// Without dedupe statuses both backends would silently replace a completed or failed instance.
    /// </summary>
    public static StartOrchestrationOptions NeverReplace(string runId) => new(runId)
    {
        DedupeStatuses = Enum.GetNames<OrchestrationRuntimeStatus>(),
    };

    /// <summary>A run the journal marked lost, as a status (never a silent 404); null when the journal has none.</summary>
    private RunStatusView? LostView(string runId) =>
        journal is not null && journal.Runs.TryGetValue(runId, out var run) && run.Outcome == JournalOutcome.Lost
            ? new RunStatusView(runId, run.Orchestrator, "Lost", run.AcceptedAt, run.AcceptedAt, null, null, run.Reason)
            : null;

    /// <summary>
    /// A run the journal accepted that the runtime does not hold right now (being scheduled again after a crash, or
    /// waiting for the next worker to start): Pending, with the reason, instead of a 404.
    /// </summary>
    private RunStatusView? RecoveringView(string runId) =>
        journal is not null && journal.Runs.TryGetValue(runId, out var run) && run.Outcome is JournalOutcome.Accepted or JournalOutcome.Rescheduled or JournalOutcome.Recovering
            ? new RunStatusView(runId, run.Orchestrator, "Pending", run.AcceptedAt, run.AcceptedAt, null, null, JournalRun.NotHeldReason)
            : null;

    private Task NotStartedAsync(string runId, string reason) =>
        journal?.RecordOutcomeAsync(runId, JournalOutcome.NotStarted, reason, clock.GetUtcNow(), CancellationToken.None) ?? Task.CompletedTask;

    public static RunStatusView ToView(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        LifeCycleProgress? progress = null;
        LifeCycleOutput? output = null;
        if (metadata.Name == LifeCycleSteps.Orchestrator)
        {
            progress = metadata.ReadCustomStatusAs<LifeCycleProgress>();
            output = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<LifeCycleOutput>() : null;
        }
        else if (metadata.Name == Meta.MetaSteps.Orchestrator)
        {
            progress = metadata.ReadCustomStatusAs<LifeCycleProgress>(); // the meta publishes the same progress record
        }

        var failure = metadata.FailureDetails is { } f ? $"{f.ErrorType}: {f.ErrorMessage}" : null;
        return new RunStatusView(metadata.InstanceId, metadata.Name, StatusName(metadata.RuntimeStatus), metadata.CreatedAt, metadata.LastUpdatedAt, progress, output, failure);
    }

    /// <summary>The status names of the API (explicit, so an SDK enum rename never changes what clients see).</summary>
    public static string StatusName(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => "Pending",
        OrchestrationRuntimeStatus.Running => "Running",
        OrchestrationRuntimeStatus.Completed => "Completed",
        OrchestrationRuntimeStatus.Failed => "Failed",
        OrchestrationRuntimeStatus.Terminated => "Terminated",
        OrchestrationRuntimeStatus.Suspended => "Suspended",
        _ => status.ToString(),
    };
}

/// <summary>A run with this id exists already (HTTP 409).</summary>
public sealed class RunAlreadyExistsException(string runId)
    : TesseraValidationException("run_id", runId, "a run with this id already exists");
