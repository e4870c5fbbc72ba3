using Tessera.Core.Errors;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.LifeCycle.Activities;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Meta.Activities;

namespace Tessera.Orchestrations.Stages;

/// <summary>The life cycle's stages (LifeCycleSteps names; the atomic orchestrator schedules exactly these).</summary>
public static class LifeCycleStages
{
    private const string W = "atomic_life_cycle";

    public static readonly StageDefinition Foundation = StageDefinition.Of<StepInput, FoundationOutput>(
        LifeCycleSteps.Foundation, W, "L0 foundation gate: load the universe, fingerprint it, gate it", [], ["market/returns.json", "market/l0_report.json"], FoundationActivity.RunAsync);

    public static readonly StageDefinition Recruitment = StageDefinition.Of<ArtifactStepInput, CandidatesOutput>(
        LifeCycleSteps.Recruitment, W, "recruitment of (asset, direction) candidates", ["market/returns.json"], ["recruitment/candidates.json"], RecruitmentActivity.RunAsync);

    public static readonly StageDefinition Selection = StageDefinition.Of<ArtifactStepInput, SelectionOutput>(
        LifeCycleSteps.Selection, W, "natural selection (HTR pipeline, top-N)", ["recruitment/candidates.json", "market/returns.json"], ["selection/selection.json"], SelectionActivity.RunAsync);

    public static readonly StageDefinition Enrichment = StageDefinition.Of<ArtifactStepInput, CandidatesOutput>(
        LifeCycleSteps.Enrichment, W, "enrichment of the selected atoms", ["selection/selection.json", "market/returns.json"], ["enrichment/atoms.json"], EnrichmentActivity.RunAsync);

    public static readonly StageDefinition Synthesis = StageDefinition.Of<SynthesisInput, SynthesisOutput>(
        LifeCycleSteps.Synthesis, W, "synthesis of one return stream per atom", ["enrichment/atoms.json", "market/returns.json"], ["synthesis/streams.json"], SynthesisActivity.RunAsync);

    public static readonly StageDefinition Regime = StageDefinition.Of<ArtifactStepInput, RegimeOutput>(
        LifeCycleSteps.Regime, W, "regime detection", ["synthesis/streams.json"], ["regime/regime.json"], RegimeActivity.RunAsync);

    public static readonly StageDefinition Optimize = StageDefinition.Of<OptimizeInput, OptimizerOutput>(
        LifeCycleSteps.Optimize, W, "one allocation engine over the atoms (fan-out branch)", ["synthesis/streams.json"], ["optimization/NAME.json"], OptimizeActivity.RunAsync);

    public static readonly StageDefinition Choose = StageDefinition.Of<ChooseInput, ChoiceOutput>(
        LifeCycleSteps.Choose, W, "policy choice among the optimizers' results", ["optimization/NAME.json"], ["optimization/choice.json"], ChooseActivity.RunAsync);

    public static readonly StageDefinition Flatten = StageDefinition.Of<FlattenInput, FlattenOutput>(
        LifeCycleSteps.Flatten, W, "atom weights -> asset weights, caps after netting", ["optimization/choice.json", "synthesis/streams.json", "market/returns.json"], ["weights.json", "weights.csv"], FlattenActivity.RunAsync);

    public static readonly StageDefinition Validate = StageDefinition.Of<ValidateInput, ValidationOutput>(
        LifeCycleSteps.Validate, W, "walk-forward out-of-sample validation of the chosen optimizer", ["synthesis/streams.json"], ["validation/walk_forward.json"], ValidateActivity.RunAsync);

    public static readonly StageDefinition Report = StageDefinition.Of<ReportInput, ReportOutput>(
        LifeCycleSteps.Report, W, "forensic report and manifest", ["every artifact of the run"], ["report.html", "manifest.json"], ReportActivity.RunAsync);

    public static readonly StageDefinition SealTrace = StageDefinition.Of<SealTraceInput, SealTraceOutput>(
        LifeCycleSteps.SealTrace, W, "seal the run's forensic trace (after the manifest)", ["manifest.json"], ["forensic_trace.json"], (i, s, ct) => SealTraceActivity.RunAsync(i, s, TimeProvider.System, ct));

    public static IReadOnlyList<StageDefinition> All { get; } = [Foundation, Recruitment, Selection, Enrichment, Synthesis, Regime, Optimize, Choose, Flatten, Validate, Report, SealTrace];
}

/// <summary>The meta portfolio's stages; <see cref="MetaPortfolioOrchestrator"/> schedules them by these definitions' names.</summary>
public static class MetaStages
{
    private const string W = MetaSteps.Workflow;

    public static readonly StageDefinition ResolveSleeve = StageDefinition.Of<ResolveSleeveInput, SleeveResolution>(
        MetaSteps.ResolveSleeve, W, "read one sleeve's completed run, check its required artifacts, write its walk-forward out-of-sample stream",
        ["<sleeve run>/manifest.json", "<sleeve run>/validation/walk_forward.json", "<sleeve run>/market/returns.json", "<sleeve run>/weights.json", "<sleeve meta run>/meta/stream.json"],
        ["sleeves/NAME/stream.json"], ResolveSleeveActivity.RunAsync);

    public static readonly StageDefinition Completeness = StageDefinition.Of<CompletenessInput, GateOutput>(
        MetaSteps.Completeness, W, "sleeve completeness gate", ["sleeves/NAME/stream.json"], [CompletenessActivity.Path], CompletenessActivity.RunAsync);

    public static readonly StageDefinition SignTestPre = StageDefinition.Of<SleeveStreamsInput, GateOutput>(
        MetaSteps.SignTestPre, W, "directional sign test of every SHORT sleeve before ensembling", ["sleeves/NAME/stream.json"], [SignTestPreActivity.Path], SignTestPreActivity.RunAsync);

    public static readonly StageDefinition Aggregate = StageDefinition.Of<SleeveStreamsInput, AggregateOutput>(
        MetaSteps.Aggregate, W, "calendar-safe aggregation (inner join on dates, dropped dates recorded)", ["sleeves/NAME/stream.json"], [AggregateActivity.Path], AggregateActivity.RunAsync);

    public static readonly StageDefinition Optimize = StageDefinition.Of<MetaOptimizeInput, MetaOptimizeOutput>(
        MetaSteps.Optimize, W, "meta optimization over the sleeves (hedge ratio between the legs)", [AggregateActivity.Path, "sleeves/NAME/stream.json"], [MetaOptimizeActivity.Path], MetaOptimizeActivity.RunAsync);

    public static readonly StageDefinition SignTestPost = StageDefinition.Of<SignTestPostInput, GateOutput>(
        MetaSteps.SignTestPost, W, "directional sign test after the meta optimization", ["sleeves/NAME/stream.json", MetaOptimizeActivity.Path], [SignTestPostActivity.Path], SignTestPostActivity.RunAsync);

    public static readonly StageDefinition Flatten = StageDefinition.Of<MetaFlattenInput, MetaFlattenOutput>(
        MetaSteps.Flatten, W, "meta -> sleeve -> asset weights, caps re-applied after netting", ["sleeves/NAME/stream.json", MetaOptimizeActivity.Path, AggregateActivity.Path],
        ["weights.json", "weights.csv", MetaFlattenActivity.StreamPath], MetaFlattenActivity.RunAsync);

    public static readonly StageDefinition Report = StageDefinition.Of<MetaReportInput, MetaReportOutput>(
        MetaSteps.Report, W, "audit.jsonl, meta report (required sections checked) and manifest", ["every artifact of the meta run"], [AuditTrail.FileName, "report.md", "report.html", "manifest.json"], MetaReportActivity.RunAsync);

    public static readonly StageDefinition Abort = StageDefinition.Of<MetaAbortInput, Artifacts.ArtifactRecord>(
        MetaSteps.Abort, W, "failure path: the decisions so far and the failure to audit.jsonl", [], [AuditTrail.FileName], MetaAbortActivity.RunAsync);

    public static IReadOnlyList<StageDefinition> All { get; } = [ResolveSleeve, Completeness, SignTestPre, Aggregate, Optimize, SignTestPost, Flatten, Report, Abort];
}

/// <summary>The one table of every addressable stage (life cycle, then meta), read by <c>tessera stage</c> and the registrations.</summary>
public static class StageTable
{
    public static IReadOnlyList<StageDefinition> All { get; } = [.. LifeCycleStages.All, .. MetaStages.All];

    public static StageDefinition Get(string name)
    {
        foreach (var s in All)
        {
            if (string.Equals(s.Name, name, StringComparison.Ordinal))
            {
                return s;
            }
        }

        throw new TesseraValidationException("stage", name, "unknown stage; known: " + string.Join(", ", All.Select(s => s.Name)));
    }
}
