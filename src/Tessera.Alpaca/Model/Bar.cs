using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>An OHLCV bar (REST and stream). <see cref="Symbol"/> is set from the stream's "S" or from the REST map key.</summary>
public sealed record Bar
{
    [JsonPropertyName("S")] public string? Symbol { get; init; }
    [JsonPropertyName("t")] public DateTimeOffset Timestamp { get; init; }
    [JsonPropertyName("o")] public decimal Open { get; init; }
    [JsonPropertyName("h")] public decimal High { get; init; }
    [JsonPropertyName("l")] public decimal Low { get; init; }
    [JsonPropertyName("c")] public decimal Close { get; init; }
    [JsonPropertyName("v")] public decimal Volume { get; init; }
    [JsonPropertyName("n")] public long? TradeCount { get; init; }
    [JsonPropertyName("vw")] public decimal? Vwap { get; init; }
}
