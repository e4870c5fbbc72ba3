namespace Tessera.Core.Metrics;

/// <summary>
/// The one annualisation convention of the platform: daily bars, <see cref="TradingDaysPerYear"/> periods a year.
/// A per-period mean or turnover is multiplied by it, a per-period volatility or Sharpe ratio by its square root,
/// a compound growth raised to it over the number of periods. Everything annualised in Tessera (performance metrics,
/// the optimizers' in-sample volatility, the regime's realized volatilities, the volatility-target sizer, the
/// realized-volatility indicator's default, backtest turnover) uses this constant. Lookback windows of one year
/// (momentum 12-1, downside deviation, walk-forward train windows, minimum history) are window lengths, a different
/// concept, and keep their own defaults.
/// </summary>
public static class Annualization
{
    /// <summary>Trading days in a year (daily bars): 252.</summary>
    public const double TradingDaysPerYear = 252.0;
}
