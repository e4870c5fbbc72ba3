using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>GET /v2/stocks/snapshots: the latest trade and quote, the current minute and daily bars, and the previous daily bar.</summary>
public sealed record Snapshot
{
    [JsonPropertyName("latestTrade")] public Trade? LatestTrade { get; init; }
    [JsonPropertyName("latestQuote")] public Quote? LatestQuote { get; init; }
    [JsonPropertyName("minuteBar")] public Bar? MinuteBar { get; init; }
    [JsonPropertyName("dailyBar")] public Bar? DailyBar { get; init; }
    [JsonPropertyName("prevDailyBar")] public Bar? PrevDailyBar { get; init; }
}
