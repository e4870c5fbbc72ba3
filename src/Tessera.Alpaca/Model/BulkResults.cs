using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>One entry of DELETE /v2/orders (HTTP 207): the order id, the per-order status and the body Alpaca sent for it.</summary>
public sealed record CancelOrderResult
{
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;
    [JsonPropertyName("status")] public int Status { get; init; }
    [JsonPropertyName("body")] public JsonElement? Body { get; init; }
}

/// <summary>One entry of DELETE /v2/positions (HTTP 207): the symbol, the per-symbol status and the closing order or error.</summary>
public sealed record ClosePositionResult
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("status")] public int Status { get; init; }
    [JsonPropertyName("body")] public JsonElement? Body { get; init; }

    /// <summary>The closing order when the status is 200.</summary>
    public Order? Order() => Status == 200 && Body is { ValueKind: JsonValueKind.Object } b ? b.Deserialize<Order>(Json.AlpacaJson.Options) : null;
}
