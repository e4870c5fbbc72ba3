namespace Tessera.Trading.Orders;

/// <summary>A move the OMS transition table does not allow (e.g. FILLED -> SUBMITTED); nothing was written.</summary>
public sealed class IllegalOrderTransitionException : Exception
{
    public IllegalOrderTransitionException(string clientOrderId, OrderState from, OrderState to)
        : base($"order '{clientOrderId}': transition {OrderStateNames.Wire(from)} -> {OrderStateNames.Wire(to)} is not allowed")
    {
        ClientOrderId = clientOrderId;
        From = from;
        To = to;
    }

    public IllegalOrderTransitionException()
        : this("unknown", OrderState.Pending, OrderState.Pending)
    {
    }

    public IllegalOrderTransitionException(string message)
        : base(message)
    {
        ClientOrderId = "unknown";
    }

    public IllegalOrderTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        ClientOrderId = "unknown";
    }

    public string ClientOrderId { get; }

    public OrderState From { get; }

    public OrderState To { get; }
}
