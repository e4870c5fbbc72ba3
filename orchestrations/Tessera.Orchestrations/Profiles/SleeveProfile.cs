using System.Text.Json.Serialization;
using Tessera.Core;
using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Allocation;

namespace Tessera.Orchestrations.Profiles;

/// <summary>
/// A validated sleeve profile (config/profiles/NAME.yaml), every field typed once at load (<see cref="ProfileCatalog"/>).
/// Immutable; part of every run manifest and of the orchestration's input, where each field is written exactly as the
/// profile spells it ("LONG", "equal_weight", "prefer:erc", "hold", "synthetic").
/// </summary>
public sealed record SleeveProfile(
    string Name,
    string Description,
    UniverseSettings Universe,
    RecruitmentSettings Recruitment,
    SelectionSettings Selection,
    SynthesisSettings Synthesis,
    RegimeSettings Regime,
    OptimizationSettings Optimization,
    ValidationSettings Validation,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ContractSettings? Contracts = null);

public sealed record UniverseSettings(UniverseSource Source, int Symbols, int Days, ulong Seed, int Sectors);

/// <summary>The directions every recruited asset is considered in: Long and/or Short, never Flat.</summary>
public sealed record RecruitmentSettings(int MinHistoryDays, IReadOnlyList<Side> Directions);

public sealed record SelectionSettings(int TopN, int MomentumLookbackDays, int MomentumSkipDays)
{
    /// <summary>The life cycle never optimizes fewer than this many candidates (ARCHITECTURE: N >= 15).</summary>
    public const int MinimumCandidates = 15;
}

/// <summary>Logics every selected (asset, direction) is synthesized with: <see cref="AtomLogic.Hold"/> or a strategy of the library.</summary>
public sealed record SynthesisSettings(IReadOnlyList<AtomLogic> Logics);

/// <summary>
/// Step 6's settings: the volatility quadrant's windows (always measured and reported), optionally the Gaussian HMM
/// (<see cref="Hmm"/>: then the HMM's Bull/Neutral/Bear is the regime the allocation reads), and optionally a gross
/// exposure per regime label (<see cref="Exposure"/>, the profile's risk budget by regime). Both optional fields are
/// omitted from JSON when absent, so profiles without them keep their manifests byte for byte.
/// </summary>
public sealed record RegimeSettings(
    int ShortWindowDays,
    int LongWindowDays,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HmmRegimeSettings? Hmm = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? Exposure = null)
{
    /// <summary>The labels a regime of this profile can take: the HMM's when it is configured, else the quadrant's.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Labels => Hmm is null ? RegimeExposure.QuadrantLabels : RegimeExposure.HmmLabels(Hmm.States);
}

/// <summary>The HMM of the regime step (seed 000 regime.hmm_states 3): states, Baum–Welch restarts and their seed.</summary>
public sealed record HmmRegimeSettings(int States, int Restarts, ulong Seed);

/// <summary>
/// The optimizers of the fan-out (each listed once), the policy that chooses among their results, and the weight cap;
/// optionally the covariance estimator (<see cref="Estimator"/>: "sample", today's behaviour when absent, or "lw" /
/// "ewma") and the portfolio constraints (<see cref="Constraints"/>). The optional fields are omitted from JSON when
/// absent, so profiles without them keep their manifests byte for byte.
/// </summary>
public sealed record OptimizationSettings(
    IReadOnlyList<Optimizer> Optimizers,
    ChoicePolicy Policy,
    double MaxWeight,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Estimator = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ConstraintSettings? Constraints = null)
{
    /// <summary>The estimator every engine, the walk-forward and the purged CV use: the profile's, else sample covariance.</summary>
    [JsonIgnore]
    public string EstimatorName => Estimator ?? "sample";
}

/// <summary>
/// optimization.constraints: the market-neutral band |w' beta| &lt;= <see cref="BetaBand"/> (betas of the atom streams
/// against the universe's equal-weight return), a cap on each sector's summed weight (<see cref="SectorCap"/>), and
/// liquidity caps: an asset holds at most <see cref="AdvFraction"/> of its 20-day average dollar volume at
/// <see cref="Capital"/> (weight cap = fraction x ADV$ / capital). Each is optional; AdvFraction and Capital go together.
/// </summary>
public sealed record ConstraintSettings(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? BetaBand = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? SectorCap = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? AdvFraction = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Capital = null);

/// <summary>
/// The out-of-sample validation of the chosen optimizer: a rolling walk-forward (train, test), and optionally a purged
/// K-fold (<see cref="PurgedCv"/>, omitted from JSON when absent).
/// </summary>
public sealed record ValidationSettings(
    int TrainDays,
    int TestDays,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PurgedCvSettings? PurgedCv = null);

/// <summary>
/// validation.purged_cv: folds, label horizon in bars, the purge gap in bars around each test block and the embargo
/// fraction after it. Gap and embargo default to the Alpha blueprint's cv_gap_size 10 and cv_embargo_pct 0.01
/// (Tessera.Core.Validation.PurgedCvDefaults).
/// </summary>
public sealed record PurgedCvSettings(int Folds, int LabelHorizon, int Gap, double EmbargoPct);

/// <summary>
/// contracts: the quant-platform seed's layered checks in the life cycle (L1 features of the candidates, L2 alpha
/// scores, L3 atom streams) and the consolidated data/portfolio_candidates.json. Strict fails the run on the first
/// violation (a typed ContractViolationException naming field and rule); lenient drops and records in
/// contracts/report.json. Absent: no checks and no files (the behaviour before the checks existed).
/// </summary>
public sealed record ContractSettings(Tessera.Core.Contracts.ContractMode Mode);
