using Tessera.Alpaca.Model;

namespace Tessera.Alpaca.Broker;

/// <summary>
/// What can be traded: a symbol and its asset class. Alpaca spells equities "SPY" and crypto "BTC/USD"; an FX broker
/// would use "EUR_USD" with <see cref="AssetClass.Fx"/>. Nothing here assumes US equities.
/// </summary>
public sealed record Instrument(string Symbol, AssetClass AssetClass)
{
    public override string ToString() => Symbol;
}

/// <summary>Which broker this is, printable (no keys): name, venue kind, whether real money moves, and its address.</summary>
public sealed record BrokerDescriptor(string Name, string Venue, bool IsLive, string Address)
{
    public override string ToString() => $"{Name} ({Venue}{(IsLive ? ", LIVE MONEY" : string.Empty)}) at {Address}";
}

/// <summary>Account figures every broker has, in the account currency.</summary>
public sealed record BrokerAccount(
    string Id,
    string Status,
    string Currency,
    decimal Cash,
    decimal Equity,
    decimal LastEquity,
    decimal BuyingPower,
    decimal LongMarketValue,
    decimal ShortMarketValue,
    decimal Multiplier,
    bool TradingBlocked);

/// <summary>A position; <see cref="Quantity"/> is signed (negative = short) and may be fractional (crypto, FX units).</summary>
public sealed record BrokerPosition(
    Instrument Instrument,
    decimal Quantity,
    decimal AverageEntryPrice,
    decimal? MarketPrice,
    decimal? MarketValue,
    decimal? UnrealizedPnl);

public sealed record BrokerOrder(
    string Id,
    string ClientOrderId,
    Instrument Instrument,
    OrderSide Side,
    OrderType Type,
    TimeInForce TimeInForce,
    decimal? Quantity,
    decimal? Notional,
    decimal FilledQuantity,
    decimal? AverageFillPrice,
    decimal? LimitPrice,
    decimal? StopPrice,
    OrderStatus Status,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? UpdatedAt);

/// <summary>
/// A simple order to send. ClientOrderId makes it idempotent: the same id is never two orders. Exactly one of
/// <see cref="Quantity"/> and <see cref="Notional"/> is set: a notional order (dollars, fractional shares) is a market
/// DAY order at Alpaca, which the client's OrderRequestRules enforce.
/// </summary>
public sealed record BrokerOrderRequest(
    Instrument Instrument,
    OrderSide Side,
    decimal? Quantity,
    OrderType Type,
    TimeInForce TimeInForce,
    decimal? LimitPrice = null,
    decimal? StopPrice = null,
    string? ClientOrderId = null,
    decimal? Notional = null);

public sealed record MarketClock(DateTimeOffset Now, bool IsOpen, DateTimeOffset NextOpen, DateTimeOffset NextClose);
