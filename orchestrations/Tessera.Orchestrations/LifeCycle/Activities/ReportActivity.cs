using System.Text;
using Tessera.Core.LifeCycle;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle.Report;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 9: the forensic report (report.html), rendered from the run's artifacts, and, last, the run manifest
/// (manifest.json): profile, parameters, data fingerprint and the SHA-256 of every artifact including the report.
/// </summary>
public static class ReportActivity
{
    public static async Task<ReportOutput> RunAsync(ReportInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var store = services.Artifacts;
        var foundation = await store.ReadJsonAsync<FoundationReportArtifact>(input.RunId, input.Foundation.Report, cancellationToken).ConfigureAwait(false);
        var selection = await store.ReadJsonAsync<SelectionArtifact>(input.RunId, input.Selection.Selection, cancellationToken).ConfigureAwait(false);
        var regime = await store.ReadJsonAsync<RegimeArtifact>(input.RunId, input.Regime.Regime, cancellationToken).ConfigureAwait(false);
        var optimizers = await ChooseActivity.ReadResultsAsync(services, input.RunId, input.Optimizers, cancellationToken).ConfigureAwait(false);
        var weights = await store.ReadJsonAsync<WeightsArtifact>(input.RunId, input.WeightsJson, cancellationToken).ConfigureAwait(false);
        var validation = await store.ReadJsonAsync<ValidationArtifact>(input.RunId, input.Validation.Validation, cancellationToken).ConfigureAwait(false);
        var artifacts = new List<ArtifactRecord>
        {
            input.Foundation.Market, input.Foundation.Report, input.Recruitment.Candidates, input.Selection.Selection,
            input.Enrichment.Candidates, input.Synthesis.Streams, input.Regime.Regime,
        };
        foreach (var o in input.Optimizers)
        {
            artifacts.Add(o.Result);
        }

        artifacts.AddRange([input.Choice.Choice, input.WeightsJson, input.WeightsCsv, input.Validation.Validation]);

        // Optional artifacts of profiles with contracts / purged CV; absent for the others, so their manifests are unchanged.
        foreach (var optional in new[] { input.Recruitment.PortfolioCandidates, input.Recruitment.Contracts, input.Selection.Contracts, input.Synthesis.Contracts, input.Regime.Contracts, input.Validation.PurgedCv })
        {
            if (optional is not null)
            {
                artifacts.Add(optional);
            }
        }

        // The audit trail (with the coverage artifact it links) is written before the report and the manifest, so both list it and the manifest hashes it.
        artifacts.AddRange(await WriteAuditAsync(input, foundation, selection, weights, services, cancellationToken).ConfigureAwait(false));
        var html = LifeCycleReportRenderer.Render(new LifeCycleReportModel(
            input, FoundationStep.DescribeDropped(foundation.DroppedAssets), selection, regime, optimizers, weights, validation, artifacts));
        var report = await store.WriteAsync(input.RunId, "report.html", Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", cancellationToken).ConfigureAwait(false);
        artifacts.Add(report);
        var manifest = new RunManifest(
            input.RunId,
            "atomic_life_cycle",
            input.StartedAtUtc,
            input.Profile,
            input.Foundation.DataFingerprint,
            input.Choice.Chosen.Name,
            artifacts,
            input.Foundation.Snapshot);
        var manifestRecord = await store.WriteJsonAsync(input.RunId, "manifest.json", manifest, cancellationToken).ConfigureAwait(false);
        if (services.RunIndex is { } index)
        {
            // After the manifest: the index shows the profile and run id as the manifest resolved them. An upsert, so a re-executed step writes the same row.
            await index.RecordCompletedAsync(manifest, manifestRecord.Sha256, new Runs.RunIndexFigures(input.Choice.Chosen.Name, input.Regime.Quadrant, weights.Weights.Count, input.Validation.Sharpe, input.Validation.MaxDrawdown), cancellationToken).ConfigureAwait(false);
        }

        return new ReportOutput(report, manifestRecord, manifestRecord.Sha256);
    }

    /// <summary>coverage/coverage.json (freshness and completeness of every held asset), then audit.jsonl linking it.</summary>
    private static async Task<ArtifactRecord[]> WriteAuditAsync(ReportInput input, FoundationReportArtifact foundation, SelectionArtifact selection, WeightsArtifact weights, LifeCycleServices services, CancellationToken cancellationToken)
    {
        var store = services.Artifacts;
        var market = await store.ReadJsonAsync<MarketArtifact>(input.RunId, input.Foundation.Market, cancellationToken).ConfigureAwait(false);
        var coverage = LifeCycleAudit.Coverage(input, market, weights);
        var coverageRecord = await store.WriteAsync(input.RunId, LifeCycleAudit.CoveragePath, coverage.ToJson(), "application/json", cancellationToken).ConfigureAwait(false);
        var contracts = new List<(ArtifactRecord, ContractReportArtifact)>();
        foreach (var record in new[] { input.Recruitment.Contracts, input.Selection.Contracts, input.Regime.Contracts, input.Synthesis.Contracts })
        {
            if (record is not null)
            {
                contracts.Add((record, await store.ReadJsonAsync<ContractReportArtifact>(input.RunId, record, cancellationToken).ConfigureAwait(false)));
            }
        }

        var trail = LifeCycleAudit.Trail(input, foundation, selection, contracts, coverage, coverageRecord);
        var audit = await trail.WriteAsync(store, cancellationToken).ConfigureAwait(false);
        return [coverageRecord, audit];
    }
}
