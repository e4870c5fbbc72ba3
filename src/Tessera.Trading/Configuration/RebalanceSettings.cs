namespace Tessera.Trading.Configuration;

/// <summary>
/// Section <c>profiles.NAME.rebalance</c>: the fraction of equity kept in cash, the most that one rebalance may trade
/// (sum of |trade notional| / equity; trades are scaled down proportionally above it), the smallest trade worth
/// sending, and the share lot that whole-share quantities are rounded down to.
/// </summary>
public sealed record RebalanceSettings(double CashBufferFraction, double MaxTurnoverFraction, decimal MinTradeUsd, int LotSize);
