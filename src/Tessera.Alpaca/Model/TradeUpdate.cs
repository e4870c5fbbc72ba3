using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>The data of one trade_updates message: the event, the order as it stands after it, and for fills the execution.</summary>
public sealed record TradeUpdate
{
    [JsonPropertyName("event")] public TradeEvent Event { get; init; }
    [JsonPropertyName("event_id")] public string? EventId { get; init; }
    [JsonPropertyName("execution_id")] public string? ExecutionId { get; init; }
    [JsonPropertyName("order")] public Order Order { get; init; } = new();
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; init; }
    [JsonPropertyName("price")] public decimal? Price { get; init; }
    [JsonPropertyName("qty")] public decimal? Qty { get; init; }
    [JsonPropertyName("position_qty")] public decimal? PositionQty { get; init; }
}
