using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>GET /v2/clock.</summary>
public sealed record Clock
{
    [JsonPropertyName("timestamp")] public DateTimeOffset Timestamp { get; init; }
    [JsonPropertyName("is_open")] public bool IsOpen { get; init; }
    [JsonPropertyName("next_open")] public DateTimeOffset NextOpen { get; init; }
    [JsonPropertyName("next_close")] public DateTimeOffset NextClose { get; init; }
}
