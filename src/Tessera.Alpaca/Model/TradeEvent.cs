namespace Tessera.Alpaca.Model;

/// <summary>Events of the trade_updates stream (every one Alpaca documents).</summary>
public enum TradeEvent
{
    Unknown = 0,
    New,
    Fill,
    PartialFill,
    Canceled,
    Expired,
    DoneForDay,
    Replaced,
    Rejected,
    PendingNew,
    Stopped,
    PendingCancel,
    PendingReplace,
    Calculated,
    Suspended,
    OrderReplaceRejected,
    OrderCancelRejected,
    Accepted,
    Held,
    Restated,
}
