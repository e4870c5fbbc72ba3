using System.Text;
using System.Text.Json;
using Azure;
using Tessera.Orchestrations.Application.Purge;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Orchestrations.Runs;

/// <summary>The figures of a completed run the index shows.</summary>
public sealed record RunIndexFigures(string ChosenOptimizer, string Regime, int Assets, double OosSharpe, double OosMaxDrawdown);

/// <summary>
/// The one run index (table <c>runindex</c> through <see cref="RunIndexTable"/>), rendered as <c>runs/INDEX.md</c>
/// and <c>runs/index.html</c>: a row when a run is accepted, the manifest's resolved profile name, run id and key
/// figures when it completes, the governance state on every transition (then the index is re-rendered).
/// <c>tessera runs</c> and the report index read it; the history purge asks it whether governance protects a run.
/// <see cref="RebuildAsync"/> recreates it from the run manifests in the runs container, the runtime's statuses and
/// the governance chain (the chain is the record of governance; the index shows it).
/// </summary>
public sealed class RunIndex(RunIndexTable table, IBlobStore blobs, TimeProvider clock) : IRunProtection
{
    public const string Pending = "Pending";
    public const string Completed = "Completed";

    public RunIndexTable Table { get; } = table;

    public Task<RunIndexRow?> GetAsync(string runId, CancellationToken cancellationToken = default) => Table.GetAsync(RunId.Validate(runId), cancellationToken);

    /// <summary>A run was accepted: a Pending row, create-only (a run that already completed keeps its row).</summary>
    public Task RecordAcceptedAsync(string runId, string profile, string workflow, DateTimeOffset acceptedAt, CancellationToken cancellationToken = default) =>
        Table.TryInsertAsync(new RunIndexRow { RowKey = RunId.Validate(runId), Profile = profile, Workflow = workflow, Status = Pending, StartedAt = acceptedAt, UpdatedAt = clock.GetUtcNow() }, cancellationToken);

    /// <summary>A run completed: its row from its manifest (run id, resolved profile name) and figures; governance kept. Re-renders.</summary>
    public async Task RecordCompletedAsync(RunManifest manifest, string manifestSha256, RunIndexFigures figures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(figures);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await Table.GetAsync(RunId.Validate(manifest.RunId), cancellationToken).ConfigureAwait(false);
            var row = existing ?? new RunIndexRow { RowKey = manifest.RunId };
            Fill(row, manifest, manifestSha256, figures);
            row.Status = Completed;
            row.UpdatedAt = clock.GetUtcNow();
            try
            {
                await Table.PutAsync(row, existing?.ETag, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (StoragePreconditionFailedException) when (attempt < 4)
            {
                // a governance transition or another writer changed the row: read it again and redo the merge
            }
        }

        await RenderAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Status refresh from the runtime (failed, terminated runs; rebuild).</summary>
    public async Task SetStatusAsync(string runId, string status, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetAsync(RunId.Validate(runId), cancellationToken).ConfigureAwait(false);
        if (row is null || row.Status == status)
        {
            return;
        }

        row.Status = status;
        row.UpdatedAt = clock.GetUtcNow();
        await Table.PutAsync(row, row.ETag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes INDEX.md and index.html at the root of the runs container from every row; returns the rows rendered.</summary>
    public async Task<IReadOnlyList<RunIndexRow>> RenderAsync(CancellationToken cancellationToken = default)
    {
        var rows = await Table.AllAsync(cancellationToken).ConfigureAwait(false);
        await blobs.CreateContainerIfNotExistsAsync(RunArtifactStore.Container, cancellationToken).ConfigureAwait(false);
        await blobs.PutAsync(RunArtifactStore.Container, RunIndexRenderer.MarkdownName, Encoding.UTF8.GetBytes(RunIndexRenderer.Markdown(rows)), BlobWriteCondition.None, "text/markdown; charset=utf-8", cancellationToken).ConfigureAwait(false);
        await blobs.PutAsync(RunArtifactStore.Container, RunIndexRenderer.HtmlName, Encoding.UTF8.GetBytes(RunIndexRenderer.Html(rows)), BlobWriteCondition.None, "text/html; charset=utf-8", cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>
    /// Recreates every row from the run manifests under the runs container (run id and profile as resolved there,
    /// figures from the run's artifacts), then applies <paramref name="statuses"/> (the runtime's, by run id: runs
    /// without a manifest, failed ones) and <paramref name="governance"/> (state and reason by run id, folded from
    /// the governance chain). Rows of runs that have neither a manifest nor a runtime status are kept as they are.
    /// </summary>
    public async Task<IReadOnlyList<RunIndexRow>> RebuildAsync(
        IReadOnlyDictionary<string, (string Status, DateTimeOffset CreatedAt, string Workflow, string? Profile)> statuses,
        IReadOnlyDictionary<string, (string State, string Reason, DateTimeOffset At)> governance,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(governance);
        var artifacts = new RunArtifactStore(blobs);
        var rows = new Dictionary<string, RunIndexRow>(StringComparer.Ordinal);
        foreach (var existing in await Table.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            rows[existing.RowKey] = existing;
        }

        var manifests = new List<string>();
        try
        {
            await foreach (var blob in blobs.ListAsync(RunArtifactStore.Container, null, cancellationToken).ConfigureAwait(false))
            {
                var slash = blob.Name.IndexOf('/', StringComparison.Ordinal);
                if (slash > 0 && blob.Name.AsSpan(slash + 1).SequenceEqual("manifest.json"))
                {
                    manifests.Add(blob.Name[..slash]);
                }
            }
        }
        catch (StorageNotFoundException)
        {
            // no runs container: no completed runs
        }

        foreach (var runId in manifests)
        {
            // A manifest that is not a life cycle's (a backtest's, a meta's) or whose figures cannot be read is left to the
            // runtime's status below: one odd run must not stop the index of all the others from being rebuilt.
            RunManifest? manifest;
            byte[] bytes;
            RunIndexFigures figures;
            try
            {
                bytes = await artifacts.ReadAsync(runId, "manifest.json", cancellationToken).ConfigureAwait(false);
                manifest = JsonSerializer.Deserialize<RunManifest>(bytes, ArtifactJson.Options);
                if (manifest?.RunId is null || manifest.Profile is null)
                {
                    continue;
                }

                figures = await FiguresAsync(artifacts, manifest, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is StorageNotFoundException or JsonException or ArtifactIntegrityException or InvalidOperationException)
            {
                continue;
            }

            var row = rows.TryGetValue(manifest.RunId, out var known) ? known : new RunIndexRow { RowKey = manifest.RunId };
            Fill(row, manifest, Tessera.Core.Determinism.Sha256Hex.Of(bytes), figures);
            row.Status = Completed;
            rows[manifest.RunId] = row;
        }

        foreach (var (runId, status) in statuses)
        {
            if (!rows.TryGetValue(runId, out var row))
            {
                row = new RunIndexRow { RowKey = runId, StartedAt = status.CreatedAt, Workflow = status.Workflow, Profile = status.Profile ?? string.Empty };
                rows[runId] = row;
            }

            if (row.ManifestPath is null || status.Status != Completed)
            {
                row.Status = status.Status;
            }
        }

        foreach (var (runId, g) in governance)
        {
            if (rows.TryGetValue(runId, out var row))
            {
                row.Governance = g.State;
                row.GovernanceReason = g.Reason;
                row.GovernanceAt = g.At;
            }
        }

        foreach (var row in rows.Values)
        {
            row.UpdatedAt = clock.GetUtcNow();
            await Table.PutAsync(row, null, cancellationToken).ConfigureAwait(false);
        }

        return await RenderAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Governance protection for the history purge: canary, promoted and frozen runs keep their history.</summary>
    public async Task<string?> MarkOfAsync(string runId, CancellationToken cancellationToken)
    {
        var row = await Table.GetAsync(RunId.Validate(runId), cancellationToken).ConfigureAwait(false);
        return row?.Governance is "canary" or "promoted" or "frozen" ? row.Governance : null;
    }

    private static async Task<RunIndexFigures> FiguresAsync(RunArtifactStore artifacts, RunManifest manifest, CancellationToken cancellationToken)
    {
        ArtifactRecord? Find(string path) => manifest.Artifacts.FirstOrDefault(a => a.Path == path);
        var validation = Find("validation/walk_forward.json") is { } v ? await artifacts.ReadJsonAsync<ValidationArtifact>(manifest.RunId, v, cancellationToken).ConfigureAwait(false) : null;
        var weights = Find("weights.json") is { } w ? await artifacts.ReadJsonAsync<WeightsArtifact>(manifest.RunId, w, cancellationToken).ConfigureAwait(false) : null;
        var regime = Find("regime/regime.json") is { } r ? await artifacts.ReadJsonAsync<RegimeArtifact>(manifest.RunId, r, cancellationToken).ConfigureAwait(false) : null;
        return new RunIndexFigures(manifest.ChosenOptimizer, regime?.Quadrant ?? string.Empty, weights?.Weights.Count ?? 0, validation?.Sharpe ?? double.NaN, validation?.MaxDrawdown ?? double.NaN);
    }

    private static void Fill(RunIndexRow row, RunManifest manifest, string manifestSha256, RunIndexFigures figures)
    {
        row.RowKey = manifest.RunId;
        row.Profile = manifest.Profile.Name;
        row.Workflow = manifest.Workflow;
        row.StartedAt = new DateTimeOffset(DateTime.SpecifyKind(manifest.StartedAtUtc, DateTimeKind.Utc));
        row.ChosenOptimizer = figures.ChosenOptimizer;
        row.Regime = figures.Regime;
        row.Assets = figures.Assets;
        row.OosSharpe = double.IsFinite(figures.OosSharpe) ? figures.OosSharpe : null;
        row.OosMaxDrawdown = double.IsFinite(figures.OosMaxDrawdown) ? figures.OosMaxDrawdown : null;
        row.ManifestSha256 = manifestSha256;
        row.ManifestPath = "manifest.json";
        row.ReportPath = manifest.Artifacts.Any(a => a.Path == "report.html") ? "report.html" : null;
        row.AuditPath = manifest.Artifacts.Any(a => a.Path == AuditTrail.FileName) ? AuditTrail.FileName : null;
    }
}
