using Microsoft.DurableTask;
using Tessera.Core.Errors;
using Tessera.Orchestrations.LifeCycle.Activities;

namespace Tessera.Orchestrations.LifeCycle;

/// <summary>
/// The atomic life cycle of one sleeve as a durable orchestration. Deterministic by construction:
/// it only calls activities and reads the context's clock; every step's data lives in runs/&lt;run_id&gt;/
/// and travels between activities as artifact references.
/// </summary>
public static class AtomicLifeCycleOrchestrator
{
    /// <summary>
    /// Activities are pure functions of their inputs and write create-only artifacts, so a retry is safe; it helps
    /// with transient storage errors. Bad input (TesseraValidationException) fails the same way every time: it is
    /// never retried, locally or on Azure (HandleFailure is evaluated by the orchestration, not the platform).
    /// </summary>
    public static TaskOptions StepOptions { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2.0)
        {
            HandleFailure = failure => !failure.IsCausedBy<TesseraValidationException>(),
        });

    public static async Task<LifeCycleOutput> RunAsync(TaskOrchestrationContext context, LifeCycleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var startedAt = input.AcceptedAtUtc ?? context.CurrentUtcDateTime;
        var step = new StepInput(input.RunId, input.Profile, input.Snapshot);
        var total = LifeCycleSteps.ProgressLabels.Count;
        var finished = new List<string>(total);
        void Progress(int done, string detail)
        {
            if (done > 0)
            {
                finished.Add(detail);
            }

            context.SetCustomStatus(new LifeCycleProgress(done, total, done < total ? LifeCycleSteps.ProgressLabels[done] : "done", detail, [.. finished]));
        }

        Progress(0, "starting");
        var foundation = await context.CallActivityAsync<FoundationOutput>(LifeCycleSteps.Foundation, step, StepOptions);
        Progress(1, $"{foundation.Assets} assets x {foundation.Observations} days, {foundation.DroppedAssetCount} dropped");

        var recruitment = await context.CallActivityAsync<CandidatesOutput>(
            LifeCycleSteps.Recruitment, new ArtifactStepInput(input.RunId, input.Profile, foundation.Market), StepOptions);
        Progress(2, $"{recruitment.Count} candidates");

        var selection = await context.CallActivityAsync<SelectionOutput>(
            LifeCycleSteps.Selection, new ArtifactStepInput(input.RunId, input.Profile, recruitment.Candidates, foundation.Market), StepOptions);
        Progress(3, $"{selection.Selected} of {selection.Considered} atoms selected");

        var enrichment = await context.CallActivityAsync<CandidatesOutput>(
            LifeCycleSteps.Enrichment, new ArtifactStepInput(input.RunId, input.Profile, selection.Selection, foundation.Market), StepOptions);
        Progress(4, $"{enrichment.Count} atoms enriched");

        var synthesis = await context.CallActivityAsync<SynthesisOutput>(
            LifeCycleSteps.Synthesis, new SynthesisInput(input.RunId, input.Profile, enrichment.Candidates, foundation.Market, foundation.Snapshot, foundation.DataFingerprint), StepOptions);
        Progress(5, $"{synthesis.Atoms} atoms ({string.Join("+", input.Profile.Synthesis.Logics)}) x {synthesis.Observations} days, {synthesis.DroppedAtomCount} dropped");

        var regime = await context.CallActivityAsync<RegimeOutput>(
            LifeCycleSteps.Regime, new ArtifactStepInput(input.RunId, input.Profile, synthesis.Streams), StepOptions);
        Progress(6, "regime " + regime.Quadrant);

        // Fan-out: every optimizer of the profile runs as its own activity, in parallel; fan-in with WhenAll.
        var optimizerTasks = new List<Task<OptimizerOutput>>();
        foreach (var optimizer in input.Profile.Optimization.Optimizers)
        {
            optimizerTasks.Add(context.CallActivityAsync<OptimizerOutput>(
                LifeCycleSteps.Optimize, new OptimizeInput(input.RunId, input.Profile, optimizer, synthesis.Streams, input.Profile.Optimization.Constraints is null ? null : foundation.Market), StepOptions));
        }

        var optimizers = await Task.WhenAll(optimizerTasks);
        Progress(7, $"{optimizers.Length} optimizers");

        var choice = await context.CallActivityAsync<ChoiceOutput>(
            LifeCycleSteps.Choose, new ChooseInput(input.RunId, input.Profile, optimizers), StepOptions);
        // Flattening and the out-of-sample validation of the chosen optimizer are independent: run them in parallel.
        var flatteningTask = context.CallActivityAsync<FlattenOutput>(
            LifeCycleSteps.Flatten, new FlattenInput(input.RunId, input.Profile, choice.Choice, synthesis.Streams, foundation.Market, regime.Quadrant), StepOptions);
        var validationTask = context.CallActivityAsync<ValidationOutput>(
            LifeCycleSteps.Validate, new ValidateInput(input.RunId, input.Profile, choice.Chosen, synthesis.Streams), StepOptions);
        await Task.WhenAll(flatteningTask, validationTask);
        var flattening = await flatteningTask;
        var validation = await validationTask;
        Progress(8, $"chose {choice.Chosen}; {flattening.Weights.Count} assets; out-of-sample Sharpe {validation.Sharpe.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} over {validation.Splits} splits");

        var report = await context.CallActivityAsync<ReportOutput>(
            LifeCycleSteps.Report,
            new ReportInput(
                input.RunId, input.Profile, startedAt, foundation, recruitment, selection, enrichment, synthesis, regime, optimizers, choice,
                flattening.WeightsJson, flattening.WeightsCsv, validation),
            StepOptions);
        Progress(9, "report written");

        // The spans of every step so far, from every worker, into forensic_trace.json (never fails the run).
        await context.CallActivityAsync<SealTraceOutput>(LifeCycleSteps.SealTrace, new SealTraceInput(input.RunId), StepOptions);

        return new LifeCycleOutput(
            input.RunId,
            input.Profile.Name,
            choice.Chosen.Name,
            regime.Quadrant,
            flattening.Weights,
            report.Report.Path,
            report.Manifest.Path,
            report.ManifestSha256,
            foundation.DataFingerprint);
    }
}
