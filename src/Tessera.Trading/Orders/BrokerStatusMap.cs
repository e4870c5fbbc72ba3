using Tessera.Alpaca.Model;

namespace Tessera.Trading.Orders;

/// <summary>The one place where Alpaca's order statuses become OMS states.</summary>
public static class BrokerStatusMap
{
    /// <summary>
    /// The OMS state for a broker status and the quantity filled so far; null for <see cref="OrderStatus.Unknown"/>
    /// (a status Alpaca added later: no opinion, the record keeps its state). Open statuses with fills are
    /// PARTIALLY_FILLED (pending_cancel after a partial fill still has its fills); done_for_day is EXPIRED (the rest is
    /// off the book for the day); replaced is CANCELLED (the replacement is another order).
    /// </summary>
    public static OrderState? ToOrderState(OrderStatus status, decimal filledQuantity) => status switch
    {
        OrderStatus.Filled => OrderState.Filled,
        OrderStatus.PartiallyFilled => OrderState.PartiallyFilled,
        OrderStatus.Canceled or OrderStatus.Replaced => OrderState.Cancelled,
        OrderStatus.Expired or OrderStatus.DoneForDay => OrderState.Expired,
        OrderStatus.Rejected => OrderState.Rejected,
        OrderStatus.Unknown => null,
        _ => filledQuantity > 0 ? OrderState.PartiallyFilled : OrderState.Submitted,
    };
}
