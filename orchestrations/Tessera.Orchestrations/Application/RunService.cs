using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tessera.Core.Errors;
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
    string? Failure);

/// <summary>
/// The application commands for runs, shared by the local host, the CLI and the Azure Functions twin:
/// validate, start, query, fetch the report. Hosts only translate HTTP/CLI to these calls.
/// </summary>
public sealed class RunService(DurableTaskClient client, ProfileCatalog profiles, RunArtifactStore artifacts, TimeProvider clock, Lakehouse? lakehouse = null)
{
    /// <summary>Validates the request and starts the atomic life cycle; returns the run id.</summary>
    public async Task<string> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var profile = profiles.Get(request.Profile);
        var runId = request.RunId is null
            ? RunId.New(clock.GetUtcNow().UtcDateTime, profile.Name, Guid.NewGuid())
            : RunId.Validate(request.RunId);
        var snapshot = profile.Universe.Source == "lakehouse" ? await SnapshotPin.CurrentAsync(lakehouse, cancellationToken).ConfigureAwait(false) : null;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                LifeCycleSteps.Orchestrator, new LifeCycleInput(runId, profile, snapshot), NeverReplace(runId), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            throw new RunAlreadyExistsException(runId);
        }

        return runId;
    }

    public async Task<RunStatusView?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        RunId.Validate(runId);
        try
        {
            var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            return metadata is null ? null : ToView(metadata);
        }
        catch (StorageNotFoundException)
        {
            return null; // no run was ever started on this storage: its tables do not exist yet
        }
    }

    public async Task<IReadOnlyList<RunStatusView>> ListRunsAsync(CancellationToken cancellationToken = default)
    {
        var views = new List<RunStatusView>();
        var query = new OrchestrationQuery { FetchInputsAndOutputs = true, PageSize = 100 };
        await foreach (var m in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (m.Name == LifeCycleSteps.Orchestrator)
            {
                views.Add(ToView(m));
            }
        }

        views.Sort(static (a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
        return views;
    }

    /// <summary>The HTML report of a completed run, or null when the run or its report does not exist (yet).</summary>
    public async Task<byte[]?> GetReportAsync(string runId, CancellationToken cancellationToken = default)
    {
        RunId.Validate(runId);
        try
        {
            return await artifacts.ReadAsync(runId, "report.html", cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    public Task<OrchestrationMetadata> WaitForRunAsync(string runId, CancellationToken cancellationToken = default) =>
        client.WaitForInstanceCompletionAsync(RunId.Validate(runId), getInputsAndOutputs: true, cancellationToken);

    /// <summary>
    /// A run id names one run forever: starting it again must fail (409), whatever state the first one is in.
    /// Without dedupe statuses both backends would silently replace a completed or failed instance.
    /// </summary>
    private static StartOrchestrationOptions NeverReplace(string runId) => new(runId)
    {
        DedupeStatuses = Enum.GetNames<OrchestrationRuntimeStatus>(),
    };

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
