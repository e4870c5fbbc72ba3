using Tessera.Alpaca.Model;

namespace Tessera.Trading.Orders;

/// <summary>
/// One order as the OMS knows it (a row of the orders table: PK = account, RK = client order id).
/// <see cref="FinalState"/> keeps the terminal state an order had before it was CLOSED, so a closed order can still be
/// compared with the broker. <see cref="ChaseUnfilled"/> records whether the intent asked to chase an IOC's unfilled
/// rest (the OMS never chases; it only records the wish).
/// </summary>
public sealed record OrderRecord
{
    public required string AccountId { get; init; }

    public required string ClientOrderId { get; init; }

    public required string DecisionId { get; init; }

    public required string Symbol { get; init; }

    public required OrderSide Side { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? Notional { get; init; }

    public OrderType Type { get; init; }

    public TimeInForce TimeInForce { get; init; }

    public decimal? LimitPrice { get; init; }

    /// <summary>The price the decision saw (ask for a buy, bid for a sell); the kill switch's slippage reading compares fills with it. Null for orders recorded before it existed.</summary>
    public decimal? ReferencePrice { get; init; }

    public bool ChaseUnfilled { get; init; }

    public required OrderState State { get; init; }

    public OrderState? FinalState { get; init; }

    public decimal FilledQuantity { get; init; }

    public decimal? AveragePrice { get; init; }

    public string? BrokerOrderId { get; init; }

    /// <summary>The broker's own status word at the last update (e.g. "Canceled"), for the reconciliation report.</summary>
    public string? BrokerStatus { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>What last changed the record: "submit", "lookup", "stream:fill", "poll", "repair", ...</summary>
    public string? LastEvent { get; init; }

    /// <summary>The broker's refusal or the reason the outcome is unknown (never a secret: route, kind, status).</summary>
    public string? Error { get; init; }

    /// <summary>The state compared with the broker: the terminal state for a CLOSED order, the state otherwise.</summary>
    public OrderState ComparableState => State == OrderState.Closed && FinalState is { } f ? f : State;
}
