using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>One trading day of GET /v2/calendar: local New York times as Alpaca spells them ("09:30", "0400").</summary>
public sealed record CalendarDay
{
    [JsonPropertyName("date")] public string Date { get; init; } = string.Empty;
    [JsonPropertyName("open")] public string Open { get; init; } = string.Empty;
    [JsonPropertyName("close")] public string Close { get; init; } = string.Empty;
    [JsonPropertyName("session_open")] public string? SessionOpen { get; init; }
    [JsonPropertyName("session_close")] public string? SessionClose { get; init; }
    [JsonPropertyName("settlement_date")] public string? SettlementDate { get; init; }
}
