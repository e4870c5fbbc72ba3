namespace Tessera.Orchestrations.Profiles;

/// <summary>A validated sleeve profile (config/profiles/NAME.yaml). Immutable; part of every run manifest.</summary>
public sealed record SleeveProfile(
    string Name,
    string Description,
    UniverseSettings Universe,
    RecruitmentSettings Recruitment,
    SelectionSettings Selection,
    SynthesisSettings Synthesis,
    RegimeSettings Regime,
    OptimizationSettings Optimization,
    ValidationSettings Validation);

public sealed record UniverseSettings(string Source, int Symbols, int Days, ulong Seed, int Sectors);

public sealed record RecruitmentSettings(int MinHistoryDays, IReadOnlyList<string> Directions);

public sealed record SelectionSettings(int TopN, int MomentumLookbackDays, int MomentumSkipDays)
{
    /// <summary>The life cycle never optimizes fewer than this many candidates (ARCHITECTURE: N >= 15).</summary>
    public const int MinimumCandidates = 15;
}

/// <summary>Logics every selected (asset, direction) is synthesized with: "hold" or a strategy library name.</summary>
public sealed record SynthesisSettings(IReadOnlyList<string> Logics)
{
    /// <summary>Holding the asset in the atom's direction every day (the stream is the normalized asset return).</summary>
    public const string Hold = "hold";
}

public sealed record RegimeSettings(int ShortWindowDays, int LongWindowDays);

public sealed record OptimizationSettings(IReadOnlyList<string> Optimizers, string Policy, double MaxWeight);

public sealed record ValidationSettings(int TrainDays, int TestDays);
