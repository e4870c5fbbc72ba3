namespace Tessera.Core.Signals;

/// <summary>
/// One strategy decision, known at the close of the bar at <see cref="TimestampUtcMs"/>;
/// any fill it causes happens at the next bar's open (no look-ahead).
/// </summary>
/// <param name="TimestampUtcMs">bar time, UTC Unix milliseconds.</param>
/// <param name="Symbol">canonical symbol.</param>
/// <param name="Side">Long/Short to enter, Flat to exit.</param>
/// <param name="Strength">conviction in [-1, 1] (sign agrees with the side for entries).</param>
/// <param name="Strategy">strategy name.</param>
/// <param name="ParametersHash">SHA-256 hex of the strategy's canonical parameter string.</param>
/// <param name="Reason">short machine-readable reason (e.g. "entry", "exit:rsi", "exit:stop", "exit:time").</param>
public sealed record Signal(
    long TimestampUtcMs,
    string Symbol,
    Side Side,
    double Strength,
    string Strategy,
    string ParametersHash,
    string Reason)
{
    /// <summary>
    /// Protective stop level for the position an entry signal opens (price units), or null when the strategy
    /// sets no stop. On exit signals caused by the stop (<c>Reason == "exit:stop"</c>) it repeats the level
    /// that was hit, so a backtest can fill at the stop intrabar instead of at the next open.
    /// </summary>
    public double? StopPrice { get; init; }
}
