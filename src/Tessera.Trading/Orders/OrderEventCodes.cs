using Tessera.Trading.Events;

namespace Tessera.Trading.Orders;

/// <summary>The event codes the order manager publishes: names for the catalogue's constants (<see cref="EventCodes"/>).</summary>
public static class OrderEventCodes
{
    public const string Submitted = EventCodes.OrderSubmitted;
    public const string Filled = EventCodes.OrderFilled;
    public const string PartiallyFilled = EventCodes.OrderPartiallyFilled;
    public const string Cancelled = EventCodes.OrderCancelled;
    public const string Rejected = EventCodes.OrderRejected;
    public const string Expired = EventCodes.OrderExpired;
    public const string SubmissionUnknown = EventCodes.OrderSubmissionUnknown;

    /// <summary>The code announcing arrival in <paramref name="state"/>, or null when that state is not announced.</summary>
    public static string? For(OrderState state) => state switch
    {
        OrderState.Submitted => Submitted,
        OrderState.PartiallyFilled => PartiallyFilled,
        OrderState.Filled => Filled,
        OrderState.Cancelled => Cancelled,
        OrderState.Rejected => Rejected,
        OrderState.Expired => Expired,
        OrderState.SubmissionUnknown => SubmissionUnknown,
        _ => null,
    };
}
