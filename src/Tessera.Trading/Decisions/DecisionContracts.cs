using Tessera.Alpaca.Model;

namespace Tessera.Trading.Decisions;

/// <summary>What the decision pipeline concluded for one signal or target weight.</summary>
public enum DecisionOutcome
{
    /// <summary>Every gate passed: an <see cref="OrderIntent"/> goes to the order manager.</summary>
    Approved,

    /// <summary>A gate refused it (<see cref="TradingDecision.Veto"/> says which); nothing is sent.</summary>
    Vetoed,

    /// <summary>Not now (the spread gate): recorded as ORDER_DEFERRED, retried on a later scan, never sent now.</summary>
    Deferred,
}

/// <summary>
/// An order the pipeline approved, ready for the order manager. <see cref="DecisionId"/> is derived deterministically
/// from the decision's inputs, and <see cref="ClientOrderId"/> from the decision id, so replaying the same decision
/// yields the same ids and the broker and the idempotency table can recognise a repeat.
/// Exactly one of <see cref="Quantity"/> and <see cref="Notional"/> is set (notional = a fractional day order).
/// </summary>
public sealed record OrderIntent(
    string DecisionId,
    string ClientOrderId,
    string Symbol,
    OrderSide Side,
    decimal? Quantity,
    decimal? Notional,
    OrderType Type,
    TimeInForce TimeInForce,
    decimal? LimitPrice,
    bool ReducesPosition)
{
    /// <summary>The price the decision saw on the side it trades (the ask for a buy, the bid for a sell): the reference realised slippage is measured against.</summary>
    public decimal? ReferencePrice { get; init; }
}

/// <summary>
/// One decision as the ledger records it: the outcome, the veto (a typed reason code such as
/// <c>budget_below_one_share</c> and a human detail), and the intent when approved.
/// </summary>
public sealed record TradingDecision(
    string DecisionId,
    DateTimeOffset DecidedAt,
    string Symbol,
    DecisionOutcome Outcome,
    string? Veto,
    string Detail,
    OrderIntent? Intent);
