using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.LifeCycle;

// Inputs and outputs of the atomic life cycle's activities. They travel through durable history, so they
// carry references to artifacts in runs/<run_id>/ (claim checks with SHA-256), never bulk data.

/// <summary>
/// Input of the orchestration: the run id, the resolved and validated profile and, for lakehouse profiles, the
/// lakehouse snapshot pinned when the run was started (a run reads that version even if imports follow).
/// </summary>
public sealed record LifeCycleInput(string RunId, SleeveProfile Profile, SnapshotLineage? Snapshot = null);

public sealed record StepInput(string RunId, SleeveProfile Profile, SnapshotLineage? Snapshot = null);

public sealed record FoundationOutput(
    ArtifactRecord Market,
    ArtifactRecord Report,
    string DataFingerprint,
    int Assets,
    int Observations,
    IReadOnlyList<string> DroppedAssets,
    int ReturnWarnings,
    SnapshotLineage? Snapshot = null);

public sealed record ArtifactStepInput(string RunId, SleeveProfile Profile, ArtifactRecord Input, ArtifactRecord? Market = null);

public sealed record CandidatesOutput(ArtifactRecord Candidates, int Count);

public sealed record SelectionOutput(ArtifactRecord Selection, IReadOnlyList<string> SelectedAtoms, int Considered);

/// <summary>Synthesis needs the bars again for strategy logics: it reloads the universe and checks its fingerprint.</summary>
public sealed record SynthesisInput(string RunId, SleeveProfile Profile, ArtifactRecord Enriched, ArtifactRecord Market, SnapshotLineage? Snapshot, string DataFingerprint);

public sealed record SynthesisOutput(ArtifactRecord Streams, int Atoms, int Observations, IReadOnlyList<string> DroppedAtoms);

public sealed record RegimeOutput(ArtifactRecord Regime, string Quadrant, double ShortVolatility, double LongVolatility);

public sealed record OptimizeInput(string RunId, SleeveProfile Profile, string Optimizer, ArtifactRecord Streams);

public sealed record OptimizerOutput(
    string Optimizer,
    ArtifactRecord Result,
    IReadOnlyList<string> Atoms,
    IReadOnlyList<double> Weights,
    IReadOnlyList<double> RiskContributions,
    double AnnualizedVolatility,
    IReadOnlyList<string> Diagnostics);

public sealed record ChooseInput(string RunId, SleeveProfile Profile, IReadOnlyList<OptimizerOutput> Candidates);

public sealed record ChoiceOutput(ArtifactRecord Choice, string Chosen, string Reason);

public sealed record ValidateInput(string RunId, SleeveProfile Profile, string Optimizer, ArtifactRecord Streams);

public sealed record ValidationOutput(ArtifactRecord Validation, string Optimizer, int Splits, double Sharpe, double ProbabilisticSharpe, double MaxDrawdown, double ShareOfProfitableSplits);

public sealed record FlattenInput(string RunId, SleeveProfile Profile, ArtifactRecord Choice, ArtifactRecord Streams, ArtifactRecord Market);

/// <summary>One asset after flattening: net weight, its long and short legs, risk contribution, and whether the cap cut it.</summary>
public sealed record AssetWeight(string Symbol, string Sector, double Weight, double LongWeight, double ShortWeight, double RiskContribution = 0, bool Capped = false);

public sealed record FlattenOutput(ArtifactRecord WeightsJson, ArtifactRecord WeightsCsv, IReadOnlyList<AssetWeight> Weights, double GrossExposure, double NetExposure);

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
    FlattenOutput Flattening,
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
