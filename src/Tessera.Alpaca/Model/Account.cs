using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Model;

/// <summary>
/// GET /v2/account. Only id, status, cash and the block flags are required; every other field is optional because
/// Alpaca adds and removes account fields (the PDT fields were removed on 2026-07-06) and a client must not break.
/// </summary>
public sealed record Account
{
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;
    [JsonPropertyName("account_number")] public string? AccountNumber { get; init; }
    [JsonPropertyName("status")] public string Status { get; init; } = string.Empty;
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    [JsonPropertyName("cash")] public decimal Cash { get; init; }
    [JsonPropertyName("portfolio_value")] public decimal? PortfolioValue { get; init; }
    [JsonPropertyName("equity")] public decimal? Equity { get; init; }
    [JsonPropertyName("last_equity")] public decimal? LastEquity { get; init; }
    [JsonPropertyName("buying_power")] public decimal? BuyingPower { get; init; }
    [JsonPropertyName("regt_buying_power")] public decimal? RegtBuyingPower { get; init; }
    [JsonPropertyName("daytrading_buying_power")] public decimal? DaytradingBuyingPower { get; init; }
    [JsonPropertyName("non_marginable_buying_power")] public decimal? NonMarginableBuyingPower { get; init; }
    [JsonPropertyName("long_market_value")] public decimal? LongMarketValue { get; init; }
    [JsonPropertyName("short_market_value")] public decimal? ShortMarketValue { get; init; }
    [JsonPropertyName("initial_margin")] public decimal? InitialMargin { get; init; }
    [JsonPropertyName("maintenance_margin")] public decimal? MaintenanceMargin { get; init; }
    [JsonPropertyName("last_maintenance_margin")] public decimal? LastMaintenanceMargin { get; init; }
    [JsonPropertyName("sma")] public decimal? Sma { get; init; }
    [JsonPropertyName("multiplier")] public decimal? Multiplier { get; init; }
    [JsonPropertyName("shorting_enabled")] public bool? ShortingEnabled { get; init; }
    [JsonPropertyName("trading_blocked")] public bool TradingBlocked { get; init; }
    [JsonPropertyName("transfers_blocked")] public bool TransfersBlocked { get; init; }
    [JsonPropertyName("account_blocked")] public bool AccountBlocked { get; init; }
    [JsonPropertyName("trade_suspended_by_user")] public bool? TradeSuspendedByUser { get; init; }
    [JsonPropertyName("pattern_day_trader")] public bool? PatternDayTrader { get; init; }
    [JsonPropertyName("daytrade_count")] public int? DaytradeCount { get; init; }
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyName("crypto_status")] public string? CryptoStatus { get; init; }
}
