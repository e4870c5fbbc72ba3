namespace Tessera.Trading.Orders;

/// <summary>
/// Where an order stands in the order manager (the seed's OMS states, plus <see cref="SubmissionUnknown"/>).
/// PENDING -> APPROVED / VETOED -> SUBMITTED -> FILLED / PARTIALLY_FILLED / CANCELLED / REJECTED / EXPIRED -> CLOSED.
/// The legal moves are in <see cref="OrderTransitions"/>; Alpaca's statuses map onto these in <see cref="BrokerStatusMap"/>.
/// </summary>
public enum OrderState
{
    /// <summary>Born: the intent is known, no gate verdict yet.</summary>
    Pending,

    /// <summary>Passed every gate; about to be (or being) submitted.</summary>
    Approved,

    /// <summary>A gate refused it; never sent.</summary>
    Vetoed,

    /// <summary>The broker holds it and nothing has filled yet.</summary>
    Submitted,

    /// <summary>
    /// The POST's outcome is not known (timeout or 5xx, and the look-up by client order id failed too). Never
    /// re-POSTed blindly: the poller looks the client order id up and adopts what the broker holds.
    /// </summary>
    SubmissionUnknown,

    PartiallyFilled,

    Filled,

    /// <summary>Cancelled at the broker (the unfilled rest of an IOC ends here, with its fills kept).</summary>
    Cancelled,

    /// <summary>The broker refused it (at the POST, or later).</summary>
    Rejected,

    Expired,

    /// <summary>Booked: a terminal order whose outcome has been taken into the books. Nothing follows.</summary>
    Closed,
}
