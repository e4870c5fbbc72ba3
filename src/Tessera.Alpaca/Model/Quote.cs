using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>A top-of-book quote (REST and the stream's "q" message).</summary>
public sealed record Quote
{
    [JsonPropertyName("S")] public string? Symbol { get; init; }
    [JsonPropertyName("t")] public DateTimeOffset Timestamp { get; init; }
    [JsonPropertyName("bx")] public string? BidExchange { get; init; }
    [JsonPropertyName("bp")] public decimal BidPrice { get; init; }
    [JsonPropertyName("bs")] public decimal BidSize { get; init; }
    [JsonPropertyName("ax")] public string? AskExchange { get; init; }
    [JsonPropertyName("ap")] public decimal AskPrice { get; init; }
    [JsonPropertyName("as")] public decimal AskSize { get; init; }
    [JsonPropertyName("c")] public IReadOnlyList<string>? Conditions { get; init; }
    [JsonPropertyName("z")] public string? Tape { get; init; }
}
