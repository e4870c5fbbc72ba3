namespace Tessera.Alpaca.Model;

/// <summary>Every order status Alpaca documents; a status added later parses as Unknown.</summary>
public enum OrderStatus
{
    Unknown = 0,
    New,
    PartiallyFilled,
    Filled,
    DoneForDay,
    Canceled,
    Expired,
    Replaced,
    PendingCancel,
    PendingReplace,
    PendingReview,
    Accepted,
    PendingNew,
    AcceptedForBidding,
    Stopped,
    Rejected,
    Suspended,
    Calculated,
    Held,
}

/// <summary>Which statuses are final (no further fills or changes).</summary>
public static class OrderStatusExtensions
{
    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.Replaced or OrderStatus.Rejected or OrderStatus.DoneForDay;

    public static bool IsOpen(this OrderStatus status) => status != OrderStatus.Unknown && !status.IsTerminal();
}
