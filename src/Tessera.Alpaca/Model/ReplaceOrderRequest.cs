using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>PATCH /v2/orders/{id}: the fields that may change. Alpaca answers with the new order; the old one becomes replaced.</summary>
public sealed record ReplaceOrderRequest
{
    [JsonPropertyName("qty")] public decimal? Qty { get; init; }
    [JsonPropertyName("time_in_force")] public TimeInForce? TimeInForce { get; init; }
    [JsonPropertyName("limit_price")] public decimal? LimitPrice { get; init; }
    [JsonPropertyName("stop_price")] public decimal? StopPrice { get; init; }
    [JsonPropertyName("trail")] public decimal? Trail { get; init; }
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
}
