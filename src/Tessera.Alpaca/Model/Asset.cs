using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>GET /v2/assets. The asset class field is named <c>class</c> here (not asset_class as in orders).</summary>
public sealed record Asset
{
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;
    [JsonPropertyName("class")] public AssetClass Class { get; init; }
    [JsonPropertyName("exchange")] public string? Exchange { get; init; }
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("status")] public AssetStatus Status { get; init; }
    [JsonPropertyName("tradable")] public bool Tradable { get; init; }
    [JsonPropertyName("marginable")] public bool Marginable { get; init; }
    [JsonPropertyName("shortable")] public bool Shortable { get; init; }
    [JsonPropertyName("easy_to_borrow")] public bool EasyToBorrow { get; init; }
    [JsonPropertyName("fractionable")] public bool Fractionable { get; init; }
    [JsonPropertyName("maintenance_margin_requirement")] public decimal? MaintenanceMarginRequirement { get; init; }
    [JsonPropertyName("attributes")] public IReadOnlyList<string>? Attributes { get; init; }
}
