using System.Text.Json.Serialization;
using Tessera.Core;
using Tessera.Core.Meta;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.Meta;

// Inputs and outputs of the meta portfolio's activities: run ids, artifact references and small figures only.

/// <summary>Input of the meta orchestration: its run id, the resolved plan and the time the run was accepted (its start time in the manifest).</summary>
public sealed record MetaInput(string RunId, MetaPlan Plan, DateTime? AcceptedAtUtc = null);

/// <summary>
/// Reads one sleeve's completed run (atomic or meta, told apart by its manifest's workflow), checks the required
/// artifacts against the sleeve run's manifest and writes the sleeve's stream into the meta run (sleeves/NAME/stream.json).
/// </summary>
public sealed record ResolveSleeveInput(string MetaRunId, string Sleeve, Side Side, string? SleeveRunId);

/// <summary>What the meta found for a sleeve: the gate's facts, and the stream's reference when it could be read.</summary>
public sealed record SleeveResolution(
    string Sleeve,
    Side Side,
    string? RunId,
    string? Workflow,
    IReadOnlyList<string> MissingArtifacts,
    int Observations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArtifactRecord? Stream = null);

public sealed record CompletenessInput(string MetaRunId, bool AllowSingleSleeve, IReadOnlyList<SleeveResolution> Sleeves);

/// <summary>A gate's outcome: its artifact, whether it passed, and the failures (each naming a sleeve).</summary>
public sealed record GateOutput(ArtifactRecord Artifact, bool Passed, IReadOnlyList<string> Failures);

/// <summary>The sleeves' stream artifacts in sleeve order (pre sign test, aggregation, flattening read them).</summary>
public sealed record SleeveStreamsInput(string MetaRunId, IReadOnlyList<ArtifactRecord> Streams);

public sealed record AggregateOutput(ArtifactRecord Returns, int Observations, int DroppedDates);

public sealed record MetaOptimizeInput(string MetaRunId, string Optimizer, IReadOnlyList<double> Caps, ArtifactRecord Returns, IReadOnlyList<ArtifactRecord> Streams);

public sealed record MetaOptimizeOutput(ArtifactRecord Optimization, string Optimizer, IReadOnlyList<double> Weights, double? HedgeRatio, double LongLegWeight, double ShortLegWeight);

public sealed record SignTestPostInput(string MetaRunId, IReadOnlyList<ArtifactRecord> Streams, ArtifactRecord Optimization);

public sealed record MetaFlattenInput(string MetaRunId, double MaxAssetWeight, IReadOnlyList<ArtifactRecord> Streams, ArtifactRecord Optimization, ArtifactRecord Returns);

public sealed record MetaFlattenOutput(ArtifactRecord WeightsJson, ArtifactRecord WeightsCsv, ArtifactRecord Stream, int Assets, double GrossExposure, double NetExposure);

/// <summary>The sleeve as the report lists it: name, side, where it came from and the run id it resolved to.</summary>
public sealed record ResolvedSleeve(string Sleeve, Side Side, SleeveSource Source, string Reference, string? RunId, double Cap);

public sealed record MetaReportInput(
    string MetaRunId,
    MetaPlan Plan,
    DateTime StartedAtUtc,
    IReadOnlyList<ResolvedSleeve> Sleeves,
    IReadOnlyList<ArtifactRecord> Streams,
    ArtifactRecord Completeness,
    ArtifactRecord SignTestPre,
    ArtifactRecord Aggregation,
    ArtifactRecord Optimization,
    ArtifactRecord SignTestPost,
    MetaFlattenOutput Flattening,
    IReadOnlyList<AuditRecord> Decisions);

public sealed record MetaReportOutput(ArtifactRecord Report, ArtifactRecord Manifest, string ManifestSha256, string TraceId);

/// <summary>The failure path: the decisions so far, with the failure, go to audit.jsonl; no manifest is written.</summary>
public sealed record MetaAbortInput(string MetaRunId, string Failure, IReadOnlyList<AuditRecord> Decisions);

/// <summary>Output of the meta orchestration.</summary>
public sealed record MetaOutput(
    string RunId,
    string Meta,
    string Optimizer,
    IReadOnlyList<ResolvedSleeve> Sleeves,
    IReadOnlyList<double> SleeveWeights,
    double? HedgeRatio,
    int Assets,
    string ReportPath,
    string ManifestPath,
    string ManifestSha256,
    string TraceId);

/// <summary>A gate failed or a sleeve failed: the meta run fails with the sleeves named (never retried).</summary>
public sealed class MetaRunFailedException(string field, string failures)
    : Tessera.Core.Errors.TesseraValidationException(field, null, failures);
