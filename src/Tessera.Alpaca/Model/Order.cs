using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>An order as Alpaca returns it (REST and inside trade updates). Legs are the child orders of bracket/OCO/OTO.</summary>
public sealed record Order
{
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; init; }
    [JsonPropertyName("submitted_at")] public DateTimeOffset? SubmittedAt { get; init; }
    [JsonPropertyName("filled_at")] public DateTimeOffset? FilledAt { get; init; }
    [JsonPropertyName("expired_at")] public DateTimeOffset? ExpiredAt { get; init; }
    [JsonPropertyName("canceled_at")] public DateTimeOffset? CanceledAt { get; init; }
    [JsonPropertyName("failed_at")] public DateTimeOffset? FailedAt { get; init; }
    [JsonPropertyName("replaced_at")] public DateTimeOffset? ReplacedAt { get; init; }
    [JsonPropertyName("replaced_by")] public string? ReplacedBy { get; init; }
    [JsonPropertyName("replaces")] public string? Replaces { get; init; }
    [JsonPropertyName("asset_id")] public string? AssetId { get; init; }
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("asset_class")] public AssetClass AssetClass { get; init; }
    [JsonPropertyName("notional")] public decimal? Notional { get; init; }
    [JsonPropertyName("qty")] public decimal? Qty { get; init; }
    [JsonPropertyName("filled_qty")] public decimal FilledQty { get; init; }
    [JsonPropertyName("filled_avg_price")] public decimal? FilledAvgPrice { get; init; }
    [JsonPropertyName("order_class")] public OrderClass OrderClass { get; init; }
    [JsonPropertyName("type")] public OrderType Type { get; init; }
    [JsonPropertyName("side")] public OrderSide Side { get; init; }
    [JsonPropertyName("time_in_force")] public TimeInForce TimeInForce { get; init; }
    [JsonPropertyName("limit_price")] public decimal? LimitPrice { get; init; }
    [JsonPropertyName("stop_price")] public decimal? StopPrice { get; init; }
    [JsonPropertyName("status")] public OrderStatus Status { get; init; }
    [JsonPropertyName("extended_hours")] public bool ExtendedHours { get; init; }
    [JsonPropertyName("legs")] public IReadOnlyList<Order>? Legs { get; init; }
    [JsonPropertyName("trail_percent")] public decimal? TrailPercent { get; init; }
    [JsonPropertyName("trail_price")] public decimal? TrailPrice { get; init; }
    [JsonPropertyName("hwm")] public decimal? Hwm { get; init; }

    /// <summary>Simple when Alpaca sends "" or omits the class (it does both for simple orders).</summary>
    [JsonIgnore] public OrderClass Class => OrderClass == OrderClass.Unknown ? OrderClass.Simple : OrderClass;

    [JsonIgnore] public bool IsOpen => Status.IsOpen();
}
