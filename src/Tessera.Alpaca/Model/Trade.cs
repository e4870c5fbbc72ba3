using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>A trade print (REST latest/historical trades and the stream's "t" message).</summary>
public sealed record Trade
{
    [JsonPropertyName("S")] public string? Symbol { get; init; }
    [JsonPropertyName("t")] public DateTimeOffset Timestamp { get; init; }
    [JsonPropertyName("i")] public long Id { get; init; }
    [JsonPropertyName("x")] public string? Exchange { get; init; }
    [JsonPropertyName("p")] public decimal Price { get; init; }
    [JsonPropertyName("s")] public decimal Size { get; init; }
    [JsonPropertyName("c")] public IReadOnlyList<string>? Conditions { get; init; }
    [JsonPropertyName("z")] public string? Tape { get; init; }
}
