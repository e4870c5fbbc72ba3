namespace Tessera.Core.Contracts;

/// <summary>Knobs of <see cref="ReturnsMatrixBuilder"/>; defaults are the platform thresholds of ALGORITHMS.md.</summary>
public sealed record ReturnsOptions
{
    public ContractMode Mode { get; init; } = ContractMode.Lenient;

    /// <summary>Assets missing more than this share of the union calendar are dropped (density rule).</summary>
    public double MaxGapRatio { get; init; } = 0.10;

    /// <summary>|r| above this is recorded as a warning (kept).</summary>
    public double WarnAbsReturn { get; init; } = 1.0;

    /// <summary>|r| above this makes the asset toxic: dropped and recorded (lenient) or an error (strict).</summary>
    public double ToxicAbsReturn { get; init; } = ReturnsMatrix.StrictAbsReturn;

    /// <summary>Also require 00:00 UTC stamps (daily bars).</summary>
    public bool DailyBars { get; init; }
}
