namespace Tessera.Core.Portfolio.Selection;

/// <summary>
/// Thresholds of one stage of the HTR relaxation loop. Null turns a step off.
/// Percentile: fraction kept per direction on <see cref="HtrConfig.PercentileFactor"/> (LONG
/// descending, SHORT ascending). ClusterFloor: after the percentile step, each cluster of the
/// filter survivors contributes at least this many of its best-scored candidates. TopByAlpha: keep
/// the best N by rank-sum score regardless of percentile (the alpha fallback).
/// </summary>
public sealed record HtrStage(
    string Name,
    int MinHistory,
    double MaxMissingFraction,
    double MinAverageDollarVolume,
    double MinDailyVolatility,
    double? MaxPermutationEntropy,
    bool AdmitSerialStructure,
    double? Percentile,
    int? ClusterFloor,
    int? TopByAlpha);

/// <summary>Configuration of the selection pipeline and its HTR loop.</summary>
public sealed record HtrConfig
{
    public int MinCandidates { get; init; } = 15;

    public int MinClusters { get; init; } = 3;

    public string PercentileFactor { get; init; } = "alpha";

    public IReadOnlyList<ScoringFactor> Factors { get; init; } = [new("alpha", FactorNormalization.Rank)];

    /// <summary>Scoring step; null = rank-sum over <see cref="Factors"/>.</summary>
    public ISelectionRanker? Ranker { get; init; }

    /// <summary>Clusters for the diversity check; null = gap statistic on the survivors' raw returns.</summary>
    public int? ClusterCount { get; init; }

    public int MaxClusters { get; init; } = 10;

    public int GapReferenceDraws { get; init; } = 5;

    public ulong Seed { get; init; } = 7;

    /// <summary>
    /// The four default stages: strict -> spectral (entropy veto relaxed and serial structure in the
    /// autocorrelation spectrum admitted, percentile doubled) -> cluster floor (each cluster keeps
    /// its best 2) -> alpha fallback (no predictability or percentile veto; best 30 by score).
    /// </summary>
    public IReadOnlyList<HtrStage> Stages { get; init; } =
    [
        new("strict", 252, 0.05, 5e6, 0.005, 0.985, false, 0.25, null, null),
        new("spectral", 252, 0.05, 5e6, 0.005, 0.995, true, 0.5, null, null),
        new("cluster-floor", 126, 0.10, 1e6, 0.003, 0.995, true, 0.5, 2, null),
        new("alpha-fallback", 63, 0.10, 1e6, 0.0, null, false, null, null, 30),
    ];
}
