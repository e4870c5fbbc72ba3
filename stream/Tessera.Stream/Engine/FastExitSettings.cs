namespace Tessera.Stream.Engine;

/// <summary>What the fast-exit overlay does when it fires.</summary>
public enum FastExitAction
{
    /// <summary>FAST_EXIT_TRIGGERED only (a P1 alert); positions are left to the other rules.</summary>
    AlertOnly,

    /// <summary>FAST_EXIT_TRIGGERED, then cancel all orders and close all positions through the order path (ledger blocks).</summary>
    Flatten,
}

/// <summary>
/// The fast-exit overlay (seed 000: fast_exit_slope_threshold −0.002, fast_exit_lookback_bars 12 of 5-minute SPY
/// bars). The slope is Core's (<see cref="Tessera.Core.Regime.FastExitOverlay"/>): least squares through the last 12
/// bar closes against the bar index, divided by their mean, in FRACTION OF PRICE PER BAR. The regime comes from the
/// configured regime source (the latest stored HMM model of <see cref="Symbol"/>).
/// </summary>
public sealed record FastExitSettings
{
    public bool Enabled { get; init; } = true;

    public string Symbol { get; init; } = "SPY";

    public TimeSpan BarLength { get; init; } = TimeSpan.FromMinutes(5);

    public int LookbackBars { get; init; } = 12;

    public double SlopeThreshold { get; init; } = -0.002;

    public FastExitAction Action { get; init; } = FastExitAction.Flatten;
}
