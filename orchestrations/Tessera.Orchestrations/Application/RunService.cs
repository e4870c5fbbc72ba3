using Tessera.Core.Errors;
using Tessera.Durable;
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
public sealed class RunService(IOrchestrationClient client, ProfileCatalog profiles, RunArtifactStore artifacts, TimeProvider clock, Lakehouse? lakehouse = null)
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
            await client.ScheduleNewOrchestrationInstanceAsync(LifeCycleSteps.Orchestrator, new LifeCycleInput(runId, profile, snapshot), runId, cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationInstanceExistsException)
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
            var metadata = await client.GetInstanceAsync(runId, cancellationToken).ConfigureAwait(false);
            return metadata is null ? null : ToView(metadata);
        }
        catch (StorageNotFoundException)
        {
            return null; // no run was ever started on this storage: its tables do not exist yet
        }
    }

    public async Task<IReadOnlyList<RunStatusView>> ListRunsAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<OrchestrationMetadata> all;
        try
        {
            all = await client.GetAllInstancesAsync(null, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            return [];
        }

        var views = new List<RunStatusView>(all.Count);
        foreach (var m in all)
        {
            if (m.Name == LifeCycleSteps.Orchestrator && m.ParentInstanceId is null)
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
        client.WaitForInstanceCompletionAsync(RunId.Validate(runId), cancellationToken);

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
        return new RunStatusView(metadata.InstanceId, metadata.Name, metadata.RuntimeStatus.ToString(), metadata.CreatedAt, metadata.LastUpdatedAt, progress, output, failure);
    }
}

/// <summary>A run with this id exists already (HTTP 409).</summary>
public sealed class RunAlreadyExistsException(string runId)
    : TesseraValidationException("run_id", runId, "a run with this id already exists");
