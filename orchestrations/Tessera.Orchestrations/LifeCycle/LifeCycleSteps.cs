namespace Tessera.Orchestrations.LifeCycle;

/// <summary>The nine steps of the atomic life cycle (ARCHITECTURE.md), in order, with their activity names.</summary>
public static class LifeCycleSteps
{
    public const string Orchestrator = "AtomicLifeCycle";

    public const string Foundation = "LifeCycleFoundation";
    public const string Recruitment = "LifeCycleRecruitment";
    public const string Selection = "LifeCycleSelection";
    public const string Enrichment = "LifeCycleEnrichment";
    public const string Synthesis = "LifeCycleSynthesis";
    public const string Regime = "LifeCycleRegime";
    public const string Optimize = "LifeCycleOptimize";
    public const string Choose = "LifeCycleChoose";
    public const string Flatten = "LifeCycleFlatten";
    public const string Validate = "LifeCycleValidate";
    public const string Report = "LifeCycleReport";

    /// <summary>After the report: the run's spans so far into forensic_trace.json (an observation, not in the manifest).</summary>
    public const string SealTrace = "LifeCycleSealTrace";

    /// <summary>Progress labels; optimization counts as one step even though it fans out.</summary>
    public static readonly IReadOnlyList<string> ProgressLabels =
    [
        "L0 foundation gate", "recruitment", "natural selection", "enrichment", "synthesis",
        "regime detection", "optimization", "policy choice, flattening, out-of-sample validation", "forensic report",
    ];

    public static IReadOnlyList<string> ActivityNames { get; } =
        [Foundation, Recruitment, Selection, Enrichment, Synthesis, Regime, Optimize, Choose, Flatten, Validate, Report, SealTrace];
}
