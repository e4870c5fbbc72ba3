namespace Tessera.Trading.Configuration;

/// <summary>
/// Kobe81's PolicyGate limits (seed 003 RiskLimits): the per-order and daily notional budgets, the price band and
/// whether shorts are allowed. Section <c>profiles.NAME.policy</c>.
/// </summary>
public sealed record PolicyLimits(decimal PerOrderUsd, decimal DailyUsd, decimal MinPrice, decimal MaxPrice, bool AllowShorts);
