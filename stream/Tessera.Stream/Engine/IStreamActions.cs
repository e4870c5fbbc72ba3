using Tessera.Core.Streaming;

namespace Tessera.Stream.Engine;

/// <summary>One exit the stop book asked for: the stops that fired on one trade, the side to close and the quantity.</summary>
public sealed record StopExit(string Symbol, IReadOnlyList<StopTrigger> Triggers, decimal Quantity, decimal PositionQuantity)
{
    public decimal TradePrice => Triggers[0].TradePrice;

    public DateTimeOffset TradeTime => Triggers[0].TradeTime;
}

/// <summary>What became of a stop exit: submitted (with its client order id) or refused by a gate (the veto code).</summary>
public sealed record StopExitResult(bool Submitted, string? ClientOrderId, string? Veto, string Detail);

/// <summary>What the safety flatten did, confirmed by the broker's per-item response status.</summary>
public sealed record FlattenResult(int OrdersCancelled, int OrdersNotCancelled, int PositionsClosing, IReadOnlyList<string> PositionsNotClosed)
{
    public bool Complete => OrdersNotCancelled == 0 && PositionsNotClosed.Count == 0;
}

/// <summary>Why the fast-exit overlay fired: the regime, the slope of the last bars and the threshold it crossed.</summary>
public sealed record FastExitTrigger(DateTimeOffset At, string Symbol, string Regime, double Slope, double Threshold, int Bars);

/// <summary>
/// The engine's side effects, all through the order path (decision pipeline, ledger, order manager, events). The
/// engine decides WHEN; these do the I/O. Tests substitute a recording implementation.
/// </summary>
public interface IStreamActions
{
    /// <summary>Safety mode: cancel all orders, then close all positions with cancel_orders=true; ledger, events, P1 alert.</summary>
    Task<FlattenResult> FlattenAsync(HeartbeatBreach breach, CancellationToken cancellationToken);

    /// <summary>Fast exit: cancel all orders, then close all positions with cancel_orders=true; each phase a ledger block.</summary>
    Task<FlattenResult> FastExitAsync(FastExitTrigger trigger, CancellationToken cancellationToken);

    /// <summary>A virtual stop exit as an IOC order through the pipeline, the ledger and the order manager.</summary>
    Task<StopExitResult> ExitAsync(StopExit exit, CancellationToken cancellationToken);

    /// <summary>Whether the halt flag or the kill switch is set (read from the order path's switch store).</summary>
    Task<bool> TradingStoppedAsync(CancellationToken cancellationToken);

    /// <summary>Drops the market data connection so the client reconnects (after a lag or silence breach).</summary>
    void DropConnection();

    /// <summary>A stop was armed or moved (<paramref name="armed"/> true: upsert) or fired or disarmed (false: delete); persist it.</summary>
    Task PersistStopAsync(VirtualStop stop, bool armed, CancellationToken cancellationToken);
}
