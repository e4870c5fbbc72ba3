using Tessera.Core;
using Tessera.Core.Meta;

namespace Tessera.Orchestrations.Meta;

// JSON documents of a meta run (snake_case via ArtifactJson). Run ids appear only in the documents that say which
// run a sleeve came from (completeness, audit, report, manifest); the numeric artifacts are functions of the data.

/// <summary>
/// sleeves/NAME/stream.json (and a meta's meta/stream.json): the sleeve's stream as the meta reads it, the workflow of
/// the run it came from, and which return stream it is (<see cref="OutOfSampleStream.Kind"/>; null in artifacts written
/// before the meta switched to out-of-sample streams, which a meta refuses as incomplete).
/// </summary>
public sealed record SleeveStreamArtifact(string Sleeve, Side Side, string Workflow, long[] Timestamps, double[] Returns, double[] Basket, IReadOnlyList<SleeveAssetWeight> Weights, string? Stream = null)
{
    public SleeveStream ToStream() => new(Sleeve, Side, Timestamps, Returns, Basket, Weights);
}

/// <summary>meta/completeness.json.</summary>
public sealed record CompletenessArtifact(bool Passed, bool AllowSingleSleeve, IReadOnlyList<CompletenessRow> Rows, IReadOnlyList<string> Failures, IReadOnlyList<string> RequiredAtomicArtifacts, IReadOnlyList<string> RequiredMetaArtifacts);

/// <summary>meta/returns.json: the inner-joined matrix and what the join dropped.</summary>
public sealed record MetaReturnsArtifact(long[] Timestamps, string[] Sleeves, double[][] Returns, double[][] Baskets, IReadOnlyList<DroppedDates> Dropped);

/// <summary>meta/optimization.json.</summary>
public sealed record MetaOptimizationArtifact(string Optimizer, string[] Sleeves, Side[] Sides, double[] Caps, double[] Weights, double[] RiskContributions, double AnnualizedVolatility, double LongLegWeight, double ShortLegWeight, double? HedgeRatio, string HedgeRatioDefinition, IReadOnlyList<string> Diagnostics);

/// <summary>weights.json of a meta: asset weights after flattening, exposures, notes.</summary>
public sealed record MetaWeightsArtifact(string Optimizer, double GrossExposure, double NetExposure, double CappedAway, double MaxAssetWeight, IReadOnlyList<MetaAssetWeight> Weights, IReadOnlyList<string> Notes);

/// <summary>manifest.json of a meta run: what ran (the plan), which sleeve runs it used, the trace id, every artifact's hash.</summary>
public sealed record MetaManifest(
    string RunId,
    string Workflow,
    DateTime StartedAtUtc,
    string TraceId,
    MetaPlan Meta,
    IReadOnlyList<ResolvedSleeve> Sleeves,
    string ChosenOptimizer,
    IReadOnlyList<Artifacts.ArtifactRecord> Artifacts)
{
    public int ManifestVersion { get; init; } = 1;

    /// <summary>Which return stream of every sleeve the meta ensembled (<see cref="OutOfSampleStream.Kind"/>).</summary>
    public string? SleeveReturnStream { get; init; }
}

/// <summary>The artifacts a sleeve run must have for the meta to use it (checked against that run's manifest).</summary>
public static class SleeveRequirements
{
    public const string Manifest = "manifest.json";

    /// <summary>The life cycle's walk-forward report: its out-of-sample stream is the sleeve's return stream.</summary>
    public const string WalkForward = "validation/walk_forward.json";

    /// <summary>Why a present, hash-matching artifact still leaves a sleeve incomplete.</summary>
    public const string NoOutOfSampleStream = "has no walk-forward out-of-sample stream";

    public static IReadOnlyList<string> Atomic { get; } = [Manifest, WalkForward, "market/returns.json", "weights.json"];

    public static IReadOnlyList<string> Meta { get; } = [Manifest, "meta/stream.json", "weights.json"];
}
