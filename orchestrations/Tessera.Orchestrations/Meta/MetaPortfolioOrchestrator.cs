using System.Globalization;
using Microsoft.DurableTask;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Stages;

namespace Tessera.Orchestrations.Meta;

/// <summary>
/// The meta portfolio as a durable orchestration (docs/META.md): fan-out of one atomic life cycle per sleeve (or one
/// meta, recursively) as a sub-orchestration, fan-in (a 100% gate: any failed sleeve fails the meta, named), then the
/// meta stages of the stage table as activities: resolve each sleeve's run, completeness gate, directional sign test,
/// calendar-safe aggregation, meta optimization, sign test after optimization, flattening, report and manifest.
/// Every gate's verdict and every choice is recorded as an <see cref="AuditRecord"/> (audit.jsonl, the one <see cref="AuditTrail"/>
/// writer the life cycle uses too); a failed gate writes the audit
/// (MetaAbort) and fails the run with the sleeves named. Deterministic: only activities, sub-orchestrations and the
/// context's clock.
/// </summary>
public static class MetaPortfolioOrchestrator
{
    public static async Task<MetaOutput> RunAsync(TaskOrchestrationContext context, MetaInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = input.Plan;
        var run = input.RunId;
        var startedAt = input.AcceptedAtUtc ?? context.CurrentUtcDateTime;
        var options = AtomicLifeCycleOrchestrator.StepOptions;
        var decisions = new List<AuditRecord>();
        var total = MetaSteps.ProgressLabels.Count;
        var finished = new List<string>(total);
        void Progress(int done, string detail)
        {
            if (done > 0)
            {
                finished.Add(detail);
            }

            context.SetCustomStatus(new LifeCycleProgress(done, total, done < total ? MetaSteps.ProgressLabels[done] : "done", detail, [.. finished]));
        }

        async Task FailAsync(string stage, IReadOnlyList<string> failures)
        {
            var message = string.Join("; ", failures);
            await context.CallActivityAsync<ArtifactRecord>(MetaStages.Abort.Name, new MetaAbortInput(run, $"{stage}: {message}", decisions), options);
            throw new MetaRunFailedException("sleeves", $"meta {plan.Name} failed at {stage}: {message}");
        }

        Progress(0, "starting");

        // Fan-out: every sleeve to run now is a sub-orchestration with a run id derived from the meta's; pinned sleeves are read as they are.
        var sleeveTasks = new List<Task<string?>>(plan.Sleeves.Count);
        foreach (var sleeve in plan.Sleeves)
        {
            sleeveTasks.Add(RunSleeveAsync(context, run, sleeve, startedAt));
        }

        var failures = await Task.WhenAll(sleeveTasks);
        var resolved = new List<ResolvedSleeve>(plan.Sleeves.Count);
        var failed = new List<string>();
        for (var i = 0; i < plan.Sleeves.Count; i++)
        {
            var s = plan.Sleeves[i];
            var runId = s.PinnedRunId ?? SleeveRunIds.Of(run, s.Name);
            resolved.Add(new ResolvedSleeve(s.Name, s.Side, s.Source, s.Reference, runId, s.Cap));
            if (failures[i] is { } failure)
            {
                failed.Add($"sleeve {s.Name} (run {runId}) failed: {failure}");
                decisions.Add(new AuditRecord("sleeves", AuditKinds.Gate, s.Name, AuditKinds.Failed, $"sleeve {s.Name} run {runId}: {failure}"));
            }
            else
            {
                decisions.Add(new AuditRecord("sleeves", AuditKinds.Gate, s.Name, s.PinnedRunId is null ? AuditKinds.Completed : AuditKinds.Pinned, $"sleeve {s.Name} ({s.Side.ToString().ToUpperInvariant()}, {s.Source.ToString().ToLowerInvariant()} {s.Reference}) run {runId}"));
            }
        }

        if (failed.Count > 0)
        {
            await FailAsync("sleeve fan-in (100% gate)", failed);
        }

        Progress(1, $"{plan.Sleeves.Count} sleeves");

        // Fan-in: read every sleeve's run (in parallel), then decide completeness over all of them at once.
        var resolutionTasks = new List<Task<SleeveResolution>>(resolved.Count);
        foreach (var s in resolved)
        {
            resolutionTasks.Add(context.CallActivityAsync<SleeveResolution>(MetaStages.ResolveSleeve.Name, new ResolveSleeveInput(run, s.Sleeve, s.Side, s.RunId), options));
        }

        var resolutions = await Task.WhenAll(resolutionTasks);
        var completeness = await context.CallActivityAsync<GateOutput>(MetaStages.Completeness.Name, new CompletenessInput(run, plan.AllowSingleSleeve, resolutions), options);
        decisions.Add(new AuditRecord("completeness", AuditKinds.Gate, "sleeve_completeness", Verdict(completeness.Passed), completeness.Passed ? $"{resolutions.Length} sleeves complete" : string.Join("; ", completeness.Failures), completeness.Artifact));
        if (!completeness.Passed)
        {
            await FailAsync("sleeve completeness gate", completeness.Failures);
        }

        var streams = new List<ArtifactRecord>(resolutions.Length);
        foreach (var r in resolutions)
        {
            streams.Add(r.Stream!);
        }

        Progress(2, "every sleeve complete");

        var pre = await context.CallActivityAsync<GateOutput>(MetaStages.SignTestPre.Name, new SleeveStreamsInput(run, streams), options);
        decisions.Add(new AuditRecord("directional_sign_test_pre_opt", AuditKinds.Gate, "directional_sign_test", Verdict(pre.Passed), pre.Passed ? "every SHORT sleeve is net short and moves against its basket" : string.Join("; ", pre.Failures), pre.Artifact));
        if (!pre.Passed)
        {
            await FailAsync("directional sign test (before optimization)", pre.Failures);
        }

        Progress(3, "sign test passed");

        var aggregate = await context.CallActivityAsync<AggregateOutput>(MetaStages.Aggregate.Name, new SleeveStreamsInput(run, streams), options);
        var enough = aggregate.Observations >= Tessera.Core.Meta.CalendarAggregation.MinimumObservations;
        decisions.Add(new AuditRecord("aggregation", AuditKinds.Gate, "calendar_inner_join", Verdict(enough), $"inner join: {aggregate.Observations} shared dates, {aggregate.DroppedDates} sleeve dates dropped", aggregate.Returns));
        if (!enough)
        {
            await FailAsync("calendar-safe aggregation", [$"the sleeves share {aggregate.Observations} dates (< {Tessera.Core.Meta.CalendarAggregation.MinimumObservations})"]);
        }

        Progress(4, $"{aggregate.Observations} shared dates");

        var caps = new List<double>(plan.Sleeves.Count);
        foreach (var s in plan.Sleeves)
        {
            caps.Add(s.Cap);
        }

        var optimization = await context.CallActivityAsync<MetaOptimizeOutput>(MetaStages.Optimize.Name, new MetaOptimizeInput(run, plan.Optimizer.Name, caps, aggregate.Returns, streams), options);
        var hedge = optimization.HedgeRatio is { } h ? h.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";
        decisions.Add(new AuditRecord("meta_optimization", AuditKinds.Choice, "optimizer", AuditKinds.Chosen, $"optimizer {optimization.Optimizer}; weights {string.Join(", ", plan.Sleeves.Select((s, i) => s.Name + "=" + optimization.Weights[i].ToString("0.####", CultureInfo.InvariantCulture)))}; hedge ratio {hedge}", optimization.Optimization));
        Progress(5, $"{optimization.Optimizer}, hedge ratio {hedge}");

        var post = await context.CallActivityAsync<GateOutput>(MetaStages.SignTestPost.Name, new SignTestPostInput(run, streams, optimization.Optimization), options);
        decisions.Add(new AuditRecord("directional_sign_test", AuditKinds.Gate, "directional_sign_test", Verdict(post.Passed), post.Passed ? "every SHORT sleeve keeps a non-negative weight and short exposure" : string.Join("; ", post.Failures), post.Artifact));
        if (!post.Passed)
        {
            await FailAsync("directional sign test (after optimization)", post.Failures);
        }

        Progress(6, "sign test after optimization passed");

        var flattening = await context.CallActivityAsync<MetaFlattenOutput>(MetaStages.Flatten.Name, new MetaFlattenInput(run, plan.MaxAssetWeight, streams, optimization.Optimization, aggregate.Returns), options);
        decisions.Add(new AuditRecord("flattening", AuditKinds.Choice, "flattening", AuditKinds.Chosen, $"{flattening.Assets} assets, gross {flattening.GrossExposure.ToString("0.####", CultureInfo.InvariantCulture)}, net {flattening.NetExposure.ToString("0.####", CultureInfo.InvariantCulture)}, cap {plan.MaxAssetWeight.ToString("0.####", CultureInfo.InvariantCulture)} after netting", flattening.WeightsJson));
        Progress(7, $"{flattening.Assets} assets");

        var report = await context.CallActivityAsync<MetaReportOutput>(
            MetaStages.Report.Name,
            new MetaReportInput(run, plan, startedAt, resolved, streams, completeness.Artifact, pre.Artifact, aggregate.Returns, optimization.Optimization, post.Artifact, flattening, decisions),
            options);
        Progress(8, "report written");
        // The meta's trace (its steps and every sleeve's) into its forensic_trace.json; never fails the meta.
        await context.CallActivityAsync<LifeCycle.Activities.SealTraceOutput>(LifeCycle.LifeCycleSteps.SealTrace, new LifeCycle.Activities.SealTraceInput(run), options);
        return new MetaOutput(run, plan.Name, optimization.Optimizer, resolved, optimization.Weights, optimization.HedgeRatio, flattening.Assets, report.Report.Path, report.Manifest.Path, report.ManifestSha256, report.TraceId);
    }

    private static string Verdict(bool passed) => passed ? AuditKinds.Passed : AuditKinds.Failed;

    /// <summary>Runs one sleeve now (a life cycle or a meta); null when it completed, else its failure (a failed sleeve is named, not thrown).</summary>
    private static async Task<string?> RunSleeveAsync(TaskOrchestrationContext context, string metaRunId, PlannedSleeve sleeve, DateTime startedAt)
    {
        if (sleeve.PinnedRunId is not null)
        {
            return null;
        }

        var childId = SleeveRunIds.Of(metaRunId, sleeve.Name);
        try
        {
            if (sleeve.Meta is { } inner)
            {
                await context.CallSubOrchestratorAsync<MetaOutput>(MetaSteps.Orchestrator, new MetaInput(childId, inner, startedAt), new SubOrchestrationOptions(instanceId: childId));
            }
            else
            {
                await context.CallSubOrchestratorAsync<LifeCycleOutput>(LifeCycleSteps.Orchestrator, new LifeCycleInput(childId, sleeve.Profile!, sleeve.Snapshot, startedAt), new SubOrchestrationOptions(instanceId: childId));
            }

            return null;
        }
        catch (TaskFailedException ex)
        {
            var details = ex.FailureDetails;
            return details.InnerFailure is { } innerFailure ? $"{innerFailure.ErrorType}: {innerFailure.ErrorMessage}" : $"{details.ErrorType}: {details.ErrorMessage}";
        }
    }
}
