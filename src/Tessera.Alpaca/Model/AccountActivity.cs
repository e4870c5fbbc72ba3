using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>
/// One entry of GET /v2/account/activities. Trade activities (FILL) carry price/qty/side/order fields; non-trade
/// activities (FEE, DIV, CSD...) carry date/net_amount/description. One record holds both shapes, every field optional.
/// </summary>
public sealed record AccountActivity
{
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;
    [JsonPropertyName("activity_type")] public ActivityType ActivityType { get; init; }
    [JsonPropertyName("transaction_time")] public DateTimeOffset? TransactionTime { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("price")] public decimal? Price { get; init; }
    [JsonPropertyName("qty")] public decimal? Qty { get; init; }
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("symbol")] public string? Symbol { get; init; }
    [JsonPropertyName("leaves_qty")] public decimal? LeavesQty { get; init; }
    [JsonPropertyName("cum_qty")] public decimal? CumQty { get; init; }
    [JsonPropertyName("order_id")] public string? OrderId { get; init; }
    [JsonPropertyName("order_status")] public OrderStatus? OrderStatus { get; init; }
    [JsonPropertyName("date")] public string? Date { get; init; }
    [JsonPropertyName("net_amount")] public decimal? NetAmount { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("per_share_amount")] public decimal? PerShareAmount { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
}
