namespace Tessera.Orchestrations.Meta;

/// <summary>
/// The meta portfolio's orchestrator and activity names (constants: functions/ needs them in attributes). Each
/// activity is declared once, with its input and output artifacts and its input's JSON schema, in the stage table
/// (<see cref="Stages.StageTable"/>), which the orchestrator reads its stage names from.
/// </summary>
public static class MetaSteps
{
    public const string Orchestrator = "MetaPortfolio";

    public const string ResolveSleeve = "MetaResolveSleeve";
    public const string Completeness = "MetaCompleteness";
    public const string SignTestPre = "MetaSignTestPre";
    public const string Aggregate = "MetaAggregate";
    public const string Optimize = "MetaOptimize";
    public const string SignTestPost = "MetaSignTestPost";
    public const string Flatten = "MetaFlatten";
    public const string Report = "MetaReport";
    public const string Abort = "MetaAbort";

    /// <summary>The workflow name in manifests and the run index.</summary>
    public const string Workflow = "meta_portfolio";

    public static IReadOnlyList<string> ActivityNames { get; } =
        [ResolveSleeve, Completeness, SignTestPre, Aggregate, Optimize, SignTestPost, Flatten, Report, Abort];

    /// <summary>Progress labels of the meta run (the sleeves' fan-out counts as one step).</summary>
    public static readonly IReadOnlyList<string> ProgressLabels =
    [
        "sleeves (fan-out)", "sleeve completeness gate", "directional sign test (pre)", "calendar-safe aggregation",
        "meta optimization", "directional sign test (post)", "flattening", "meta report",
    ];
}
