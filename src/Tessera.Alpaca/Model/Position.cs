using System.Text.Json.Serialization;
using Tessera.Alpaca.Json;
using Tessera.Core;

namespace Tessera.Alpaca.Model;

/// <summary>An open position (GET /v2/positions). qty is negative for a short.</summary>
public sealed record Position
{
    [JsonPropertyName("asset_id")] public string? AssetId { get; init; }
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("exchange")] public string? Exchange { get; init; }
    [JsonPropertyName("asset_class")] public AssetClass AssetClass { get; init; }
    [JsonPropertyName("avg_entry_price")] public decimal AvgEntryPrice { get; init; }
    [JsonPropertyName("qty")] public decimal Qty { get; init; }
    [JsonPropertyName("qty_available")] public decimal? QtyAvailable { get; init; }
    /// <summary>Long or short, as Tessera's one direction type (the order side is <see cref="OrderSide"/>).</summary>
    [JsonPropertyName("side")][JsonConverter(typeof(PositionSideConverter))] public Side Side { get; init; }
    [JsonPropertyName("market_value")] public decimal? MarketValue { get; init; }
    [JsonPropertyName("cost_basis")] public decimal? CostBasis { get; init; }
    [JsonPropertyName("unrealized_pl")] public decimal? UnrealizedPl { get; init; }
    [JsonPropertyName("unrealized_plpc")] public decimal? UnrealizedPlpc { get; init; }
    [JsonPropertyName("unrealized_intraday_pl")] public decimal? UnrealizedIntradayPl { get; init; }
    [JsonPropertyName("unrealized_intraday_plpc")] public decimal? UnrealizedIntradayPlpc { get; init; }
    [JsonPropertyName("current_price")] public decimal? CurrentPrice { get; init; }
    [JsonPropertyName("lastday_price")] public decimal? LastdayPrice { get; init; }
    [JsonPropertyName("change_today")] public decimal? ChangeToday { get; init; }
    [JsonPropertyName("asset_marginable")] public bool? AssetMarginable { get; init; }
}
