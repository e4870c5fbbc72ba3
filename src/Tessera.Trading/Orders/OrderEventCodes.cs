namespace Tessera.Trading.Orders;

/// <summary>
/// Event codes the order manager publishes. Local to this folder until the events catalogue exists; the lead points
/// these at it then. ORDER_EXPIRED and ORDER_SUBMISSION_UNKNOWN are the two the order path adds beyond the list in
/// issue 12.
/// </summary>
public static class OrderEventCodes
{
    public const string Submitted = "ORDER_SUBMITTED";
    public const string Filled = "ORDER_FILLED";
    public const string PartiallyFilled = "ORDER_PARTIALLY_FILLED";
    public const string Cancelled = "ORDER_CANCELLED";
    public const string Rejected = "ORDER_REJECTED";
    public const string Expired = "ORDER_EXPIRED";
    public const string SubmissionUnknown = "ORDER_SUBMISSION_UNKNOWN";

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
