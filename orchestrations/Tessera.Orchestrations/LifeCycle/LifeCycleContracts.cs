using Tessera.Core.Portfolio.Allocation;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.LifeCycle;

// Inputs and outputs of the atomic life cycle's activities. They travel through durable history, so they
// carry references to artifacts in runs/<run_id>/ (claim checks with SHA-256), never bulk data.

/// <summary>
/// Input of the orchestration: the run id, the resolved and validated profile and, for lakehouse profiles, the
/// lakehouse snapshot pinned when the run was started (a run reads that version even if imports follow), and the time
/// the run was accepted: the run's start time in its manifest and report, so a run scheduled again from the journal
/// after a crash writes the same bytes (artifacts are write-once). Without it the orchestration's first replay time is used.
/// </summary>
public sealed record LifeCycleInput(string RunId, SleeveProfile Profile, SnapshotLineage? Snapshot = null, DateTime? AcceptedAtUtc = null);

public sealed record StepInput(string RunId, SleeveProfile Profile, SnapshotLineage? Snapshot = null);

/// <summary>The L0 market frame and gate report, with the figures the progress line shows (the dropped assets are in the report).</summary>
public sealed record FoundationOutput(
    ArtifactRecord Market,
    ArtifactRecord Report,
    string DataFingerprint,
    int Assets,
    int Observations,
    int DroppedAssetCount,
    int ReturnWarnings,
    SnapshotLineage? Snapshot = null);

public sealed record ArtifactStepInput(string RunId, SleeveProfile Profile, ArtifactRecord Input, ArtifactRecord? Market = null);

/// <summary>
/// A candidate list; with a profile's <c>contracts</c> section, recruitment also references data/portfolio_candidates.json
/// (<see cref="PortfolioCandidates"/>) and its L1 report (<see cref="Contracts"/>); both omitted from JSON when absent.
/// </summary>
public sealed record CandidatesOutput(ArtifactRecord Candidates, int Count, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] ArtifactRecord? PortfolioCandidates = null, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] ArtifactRecord? Contracts = null);

public sealed record SelectionOutput(ArtifactRecord Selection, int Selected, int Considered, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] ArtifactRecord? Contracts = null);

/// <summary>Synthesis needs the bars again for strategy logics: it reloads the universe and checks its fingerprint.</summary>
public sealed record SynthesisInput(string RunId, SleeveProfile Profile, ArtifactRecord Enriched, ArtifactRecord Market, SnapshotLineage? Snapshot, string DataFingerprint);

public sealed record SynthesisOutput(ArtifactRecord Streams, int Atoms, int Observations, int DroppedAtomCount, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] ArtifactRecord? Contracts = null);

/// <summary>
/// Step 6's result. <see cref="Quadrant"/> is the regime label the allocation reads: the volatility quadrant, or the
/// HMM's bull/neutral/bear when the profile configures the HMM (then <see cref="Hmm"/> references regime/hmm.json).
/// </summary>
public sealed record RegimeOutput(
    ArtifactRecord Regime,
    string Quadrant,
    double ShortVolatility,
    double LongVolatility,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] ArtifactRecord? Hmm = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] ArtifactRecord? Contracts = null);

/// <summary>One optimizer's input; <see cref="Market"/> is passed only when the profile has constraints (sector, ADV, beta need the market frame).</summary>
public sealed record OptimizeInput(string RunId, SleeveProfile Profile, Optimizer Optimizer, ArtifactRecord Streams, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] ArtifactRecord? Market = null);

/// <summary>One optimizer's result: its name and the artifact with its weights, risk contributions, volatility and diagnostics.</summary>
public sealed record OptimizerOutput(Optimizer Optimizer, ArtifactRecord Result);

/// <summary>The policy choice reads the candidates' optimizer artifacts (their hashes are verified on read).</summary>
public sealed record ChooseInput(string RunId, SleeveProfile Profile, IReadOnlyList<OptimizerOutput> Candidates);

public sealed record ChoiceOutput(ArtifactRecord Choice, Optimizer Chosen, string Reason);

public sealed record ValidateInput(string RunId, SleeveProfile Profile, Optimizer Optimizer, ArtifactRecord Streams);

/// <summary>The walk-forward's figures; with validation.purged_cv, <see cref="PurgedCv"/> references validation/purged_cv.json.</summary>
public sealed record ValidationOutput(ArtifactRecord Validation, Optimizer Optimizer, int Splits, double Sharpe, double ProbabilisticSharpe, double MaxDrawdown, double ShareOfProfitableSplits, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] ArtifactRecord? PurgedCv = null);

/// <summary>Step 8b's input; <see cref="Regime"/> is the run's regime label, which selects the profile's regime.exposure (if any).</summary>
public sealed record FlattenInput(string RunId, SleeveProfile Profile, ArtifactRecord Choice, ArtifactRecord Streams, ArtifactRecord Market, string? Regime = null);

/// <summary>One asset after flattening: net weight, its long and short legs, risk contribution, and whether the cap cut it.</summary>
public sealed record AssetWeight(string Symbol, string Sector, double Weight, double LongWeight, double ShortWeight, double RiskContribution = 0, bool Capped = false);

/// <summary>
/// The asset weights (also in weights.json) travel back because they are the orchestration's result
/// (<see cref="LifeCycleOutput.Weights"/>): one row per selected asset, at most the profile's top_n.
/// </summary>
public sealed record FlattenOutput(ArtifactRecord WeightsJson, ArtifactRecord WeightsCsv, IReadOnlyList<AssetWeight> Weights, double GrossExposure, double NetExposure);

/// <summary>
/// Input of the forensic report: references to every artifact of the run and the figures of each step's output;
/// the report reads what it renders (L0 report, selection, regime, optimizer results, weights, validation) from the
/// artifacts. The asset weights are not repeated here: they are in <see cref="WeightsJson"/>.
/// </summary>
public sealed record ReportInput(
    string RunId,
    SleeveProfile Profile,
    DateTime StartedAtUtc,
    FoundationOutput Foundation,
    CandidatesOutput Recruitment,
    SelectionOutput Selection,
    CandidatesOutput Enrichment,
    SynthesisOutput Synthesis,
    RegimeOutput Regime,
    IReadOnlyList<OptimizerOutput> Optimizers,
    ChoiceOutput Choice,
    ArtifactRecord WeightsJson,
    ArtifactRecord WeightsCsv,
    ValidationOutput Validation);

public sealed record ReportOutput(ArtifactRecord Report, ArtifactRecord Manifest, string ManifestSha256);

/// <summary>Output of the orchestration (what status queries and the CLI show).</summary>
public sealed record LifeCycleOutput(
    string RunId,
    string Profile,
    string ChosenOptimizer,
    string Regime,
    IReadOnlyList<AssetWeight> Weights,
    string ReportPath,
    string ManifestPath,
    string ManifestSha256,
    string DataFingerprint);

/// <summary>
/// Custom status published after every step (the CLI shows it as progress). <see cref="Finished"/> holds the
/// detail line of every completed step, so a poller that misses an update still shows each step's figures.
/// </summary>
public sealed record LifeCycleProgress(int Completed, int Total, string Step, string Detail, IReadOnlyList<string> Finished);
