using System.Text;
using Tessera.Core.Meta;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;

namespace Tessera.Orchestrations.Meta.Activities;

/// <summary>
/// The meta run's last step: audit.jsonl (every decision, with the run's derived trace id, through the one
/// <see cref="AuditTrail"/> writer), report.md and report.html (required
/// sections checked), then, last, manifest.json with the SHA-256 of every artifact including the audit and the report.
/// </summary>
public static class MetaReportActivity
{
    public static async Task<MetaReportOutput> RunAsync(MetaReportInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var store = services.Artifacts;
        var run = input.MetaRunId;
        var completeness = await store.ReadJsonAsync<CompletenessArtifact>(run, input.Completeness, cancellationToken).ConfigureAwait(false);
        var pre = await store.ReadJsonAsync<SignTestReport>(run, input.SignTestPre, cancellationToken).ConfigureAwait(false);
        var post = await store.ReadJsonAsync<SignTestReport>(run, input.SignTestPost, cancellationToken).ConfigureAwait(false);
        var aggregation = await store.ReadJsonAsync<MetaReturnsArtifact>(run, input.Aggregation, cancellationToken).ConfigureAwait(false);
        var optimization = await store.ReadJsonAsync<MetaOptimizationArtifact>(run, input.Optimization, cancellationToken).ConfigureAwait(false);
        var weights = await store.ReadJsonAsync<MetaWeightsArtifact>(run, input.Flattening.WeightsJson, cancellationToken).ConfigureAwait(false);
        var streamKinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in input.Streams)
        {
            streamKinds.Add((await store.ReadJsonAsync<SleeveStreamArtifact>(run, r, cancellationToken).ConfigureAwait(false)).Stream ?? "unrecorded");
        }

        var sleeveStream = string.Join(",", streamKinds);
        var artifacts = new List<ArtifactRecord>(input.Streams);
        artifacts.AddRange([input.Completeness, input.SignTestPre, input.Aggregation, input.Optimization, input.SignTestPost, input.Flattening.WeightsJson, input.Flattening.WeightsCsv, input.Flattening.Stream]);
        var audit = AuditTrail.Of(run, input.Decisions);
        artifacts.Add(await audit.WriteAsync(store, cancellationToken).ConfigureAwait(false));
        var trace = audit.TraceId;
        var paths = new List<string>(artifacts.Count + 2);
        foreach (var a in artifacts)
        {
            paths.Add(a.Path);
        }

        paths.AddRange(["report.md", "report.html"]);
        var (markdown, html) = MetaReportRenderer.Render(new MetaReportModel(run, input.Plan.Name, input.StartedAtUtc, trace, input.Sleeves, completeness, pre, post, aggregation, optimization, weights, paths, sleeveStream));
        artifacts.Add(await store.WriteAsync(run, "report.md", Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", cancellationToken).ConfigureAwait(false));
        var report = await store.WriteAsync(run, "report.html", Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", cancellationToken).ConfigureAwait(false);
        artifacts.Add(report);
        var manifest = new MetaManifest(run, MetaSteps.Workflow, input.StartedAtUtc, trace, input.Plan, input.Sleeves, optimization.Optimizer, artifacts) { SleeveReturnStream = sleeveStream };
        var record = await store.WriteJsonAsync(run, SleeveRequirements.Manifest, manifest, cancellationToken).ConfigureAwait(false);
        return new MetaReportOutput(report, record, record.Sha256, trace);
    }
}

/// <summary>The failure path of a meta run: the decisions taken so far and the failure go to audit.jsonl; no report, no manifest.</summary>
public static class MetaAbortActivity
{
    public static async Task<ArtifactRecord> RunAsync(MetaAbortInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var audit = AuditTrail.Of(input.MetaRunId, input.Decisions).Add(new AuditRecord("meta", AuditKinds.Gate, "meta_run", AuditKinds.Failed, input.Failure));
        return await audit.WriteAsync(services.Artifacts, cancellationToken).ConfigureAwait(false);
    }
}
