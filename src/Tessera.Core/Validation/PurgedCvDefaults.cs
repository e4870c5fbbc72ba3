namespace Tessera.Core.Validation;

/// <summary>
/// The Alpha blueprint's purged cross-validation settings (seed 000, config.yaml "validation": cv_gap_size: 10, a
/// purge buffer of bars around the test boundary; cv_embargo_pct: 0.01, the fraction of the sample embargoed after the
/// test block). The library's own defaults stay gap 0 / embargo 0.01 so results pinned before the blueprint's gap
/// existed do not move; the alpha profile reads these values as its defaults.
/// </summary>
public static class PurgedCvDefaults
{
    public const int AlphaBlueprintGap = 10;

    public const double AlphaBlueprintEmbargoPct = 0.01;

    /// <summary>Folds when a profile does not say (the backtest command's purged K-fold uses 5 too).</summary>
    public const int Folds = 5;

    /// <summary>Label horizon in bars when a profile does not say (as the backtest command's purged K-fold).</summary>
    public const int LabelHorizon = 5;
}
