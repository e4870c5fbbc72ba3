using Tessera.Core;
using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Allocation;

namespace Tessera.Orchestrations.LifeCycle;

// JSON documents written to runs/<run_id>/ by the life cycle's activities (snake_case via ArtifactJson).

/// <summary>market/returns.json: simple returns after the L0 gate, one column per asset, and each asset's 20-day average dollar volume.</summary>
public sealed record MarketArtifact(long[] Timestamps, string[] Symbols, string[] Sectors, double[][] Returns, double[] AverageDollarVolume);

/// <summary>
/// market/l0_report.json: what the L0 gate did: the data source (lakehouse snapshot or synthetic seed), the data
/// fingerprint, assets in and out, the union calendar's length, the dropped assets and dates, every violation.
/// </summary>
public sealed record FoundationReportArtifact(
    Profiles.UniverseSource Source,
    Tessera.Storage.Lakehouse.SnapshotLineage? LakehouseSnapshot,
    ulong Seed,
    string DataFingerprint,
    int AssetsIn,
    int AssetsOut,
    int UnionCalendarDays,
    IReadOnlyList<Tessera.Core.Contracts.DroppedAsset> DroppedAssets,
    long[] DroppedDates,
    IReadOnlyList<Tessera.Core.Contracts.ContractViolation> Violations);

/// <summary>One (asset, direction) candidate of the canonical candidate schema; the direction is written "LONG" / "SHORT".</summary>
public sealed record Candidate(string Symbol, string Exchange, Side Direction, string AssetType, IReadOnlyDictionary<string, string> Metadata)
{
    public string Atom => Symbol + "|" + Direction.ToText();
}

public sealed record CandidatesArtifact(IReadOnlyList<Candidate> Candidates, IReadOnlyList<string> Rejected);

/// <summary>One final ranking decision over the HTR survivors, recorded whether the atom was kept or not.</summary>
public sealed record AtomDecision(string Atom, string Symbol, Side Direction, double Score, int Cluster, int Rank, bool Selected, string Reason);

/// <summary>
/// selection/selection.json: the HTR stage that was needed, one outcome per stage tried, the full audit trail of
/// the pipeline (every filter and ranker decision with its reason), and the final top-N ranking.
/// </summary>
public sealed record SelectionArtifact(
    string Rule,
    int TopN,
    string StageUsed,
    bool Satisfied,
    string Reason,
    IReadOnlyList<Tessera.Core.Portfolio.Selection.StageOutcome> Stages,
    IReadOnlyList<Tessera.Core.Portfolio.Selection.SelectionDecision> AuditTrail,
    IReadOnlyList<AtomDecision> Decisions,
    IReadOnlyList<Candidate> Selected);

/// <summary>One atom: (asset, logic, direction), with the asset's sector for flattening and reports.</summary>
public sealed record AtomDescriptor(string Atom, string Symbol, string Logic, Side Direction, string Sector, int DaysInPosition);

/// <summary>synthesis/streams.json: one synthetic return stream per atom, the atoms' descriptors, and the atoms dropped (with why).</summary>
public sealed record StreamsArtifact(long[] Timestamps, string[] Atoms, double[][] Streams, IReadOnlyList<AtomDescriptor> Descriptors, IReadOnlyList<string> Dropped);

public sealed record RegimeArtifact(string Quadrant, string Level, string Trend, double ShortVolatility, double LongVolatility, double PreviousShortVolatility, int ShortWindow, int LongWindow, string Series);

/// <summary>regime/hmm.json: the fitted HMM, versioned and dated by the last observation it saw (its fit date).</summary>
public sealed record HmmArtifact(
    string Version,
    string Regime,
    string FitThrough,
    int Observations,
    double LogLikelihood,
    int Iterations,
    bool Converged,
    int Restarts,
    ulong Seed,
    IReadOnlyList<HmmStateArtifact> States,
    string Series)
{
    /// <summary>Bumped when the model, its features or its labelling change, so stored fits are never mixed with new ones.</summary>
    public const string ModelVersion = "gaussian-hmm-1d-logreturns-v1";
}

/// <summary>One state: label, daily log-return mean and standard deviation, initial and transition probabilities, filtered probability at the fit date.</summary>
public sealed record HmmStateArtifact(string Label, double Mean, double StandardDeviation, double Initial, double[] TransitionRow, double FilteredProbability);

public sealed record OptimizerArtifact(Optimizer Optimizer, string[] Atoms, double[] Weights, double[] RiskContributions, double AnnualizedVolatility, IReadOnlyList<string> Diagnostics);

public sealed record ChoiceArtifact(ChoicePolicy Policy, Optimizer Chosen, string Reason, string[] Atoms, double[] Weights, IReadOnlyList<ChoiceCandidate> Considered);

public sealed record ChoiceCandidate(Optimizer Optimizer, double AnnualizedVolatility);

/// <summary>weights.json: the chosen optimizer's atom weights flattened to asset weights, with exposures and the flattener's notes.</summary>
public sealed record WeightsArtifact(Optimizer Chosen, double GrossExposure, double NetExposure, IReadOnlyList<AssetWeight> Weights, IReadOnlyList<string> Notes);

/// <summary>
/// validation/walk_forward.json: out-of-sample walk-forward of the chosen optimizer on the selected atoms, with the
/// out-of-sample daily stream itself (the test windows concatenated, with their dates): the stream a meta portfolio
/// uses for the run as a sleeve (docs/META.md). Runs written before the stream was recorded have neither field.
/// </summary>
public sealed record ValidationArtifact(
    Optimizer Optimizer,
    int TrainDays,
    int TestDays,
    string Mode,
    IReadOnlyList<Tessera.Core.Validation.AllocationSplitResult> Splits,
    double TotalReturn,
    double Cagr,
    double Volatility,
    double Sharpe,
    double ProbabilisticSharpe,
    double MaxDrawdown,
    double ShareOfProfitableSplits,
    double MeanSplitSharpe,
    double SplitSharpeStdDev,
    string Caveat,
    long[]? OutOfSampleTimestamps = null,
    double[]? OutOfSampleReturns = null);
