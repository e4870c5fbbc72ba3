namespace Tessera.Trading.Configuration;

/// <summary>
/// A trading profile (<c>profiles.NAME</c>): the budgets and execution rules one account trades under. A canary and
/// a full profile differ in budgets and sizing; every field absent from a profile takes the seed default.
/// </summary>
public sealed record TradingProfile
{
    public required string Name { get; init; }

    public required PolicyLimits Policy { get; init; }

    public required SizingSettings Sizing { get; init; }

    /// <summary>
    /// When a budget buys less than one share: a notional DAY market order instead of the veto
    /// <c>budget_below_one_share</c> (Alpaca accepts fractional orders only as day orders).
    /// </summary>
    public required bool FractionalShares { get; init; }

    /// <summary>Smallest notional of a fractional order (Alpaca refuses notional orders under $1).</summary>
    public required decimal MinFractionalNotionalUsd { get; init; }

    /// <summary>Spread gate: an entry passes only when (ask - bid) / mid is strictly below this; otherwise it is deferred.</summary>
    public required double SpreadGateMax { get; init; }

    /// <summary>A quote older than this (decision time minus quote time) is stale.</summary>
    public required double QuoteMaxAgeSeconds { get; init; }

    public required SessionSettings Session { get; init; }

    /// <summary>SEP margin gate: hold new entries when used / (used + available) margin is at or above this.</summary>
    public required double MarginBudgetFraction { get; init; }

    /// <summary>IOC buy limit = best ask x this (seed 003: 1.001).</summary>
    public required double IocLimitBuyMultiplier { get; init; }

    /// <summary>IOC sell limit = best bid x this (0.999).</summary>
    public required double IocLimitSellMultiplier { get; init; }

    /// <summary>When false (the default) the unfilled rest of an IOC is recorded as cancelled and never re-sent.</summary>
    public required bool ChaseUnfilled { get; init; }

    public required RebalanceSettings Rebalance { get; init; }
}
