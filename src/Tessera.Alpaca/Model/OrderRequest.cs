using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>
/// POST /v2/orders. Build it with the typed properties; <see cref="OrderRequestRules.Validate"/> checks the
/// combinations Alpaca refuses before anything is sent. <see cref="ClientOrderId"/> is always set by the client
/// when empty, because an order that cannot be looked up by client_order_id cannot be reconciled after a timeout.
/// </summary>
public sealed record OrderRequest
{
    [JsonPropertyName("symbol")] public required string Symbol { get; init; }
    [JsonPropertyName("qty")] public decimal? Qty { get; init; }
    [JsonPropertyName("notional")] public decimal? Notional { get; init; }
    [JsonPropertyName("side")] public required OrderSide Side { get; init; }
    [JsonPropertyName("type")] public required OrderType Type { get; init; }
    [JsonPropertyName("time_in_force")] public required TimeInForce TimeInForce { get; init; }
    [JsonPropertyName("limit_price")] public decimal? LimitPrice { get; init; }
    [JsonPropertyName("stop_price")] public decimal? StopPrice { get; init; }
    [JsonPropertyName("trail_price")] public decimal? TrailPrice { get; init; }
    [JsonPropertyName("trail_percent")] public decimal? TrailPercent { get; init; }
    [JsonPropertyName("extended_hours")] public bool? ExtendedHours { get; init; }
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("order_class")] public OrderClass? OrderClass { get; init; }
    [JsonPropertyName("take_profit")] public TakeProfit? TakeProfit { get; init; }
    [JsonPropertyName("stop_loss")] public StopLoss? StopLoss { get; init; }
}

/// <summary>The take-profit leg of a bracket or OCO order.</summary>
public sealed record TakeProfit([property: JsonPropertyName("limit_price")] decimal LimitPrice);

/// <summary>The stop-loss leg of a bracket, OCO or OTO order; with a limit price it is a stop-limit.</summary>
public sealed record StopLoss(
    [property: JsonPropertyName("stop_price")] decimal StopPrice,
    [property: JsonPropertyName("limit_price")] decimal? LimitPrice = null);
