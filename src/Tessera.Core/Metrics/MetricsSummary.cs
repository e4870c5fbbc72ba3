using Tessera.Core.Backtest;

namespace Tessera.Core.Metrics;

/// <summary>
/// Every headline statistic of a backtest, computed from its equity curve (returns measured from the initial cash)
/// and its closed trades. Exposure = share of bars with any open position (gross exposure &gt; 0) at the close.
/// Turnover = annualized two-sided turnover: sum of fill notionals / mean equity * periodsPerYear / bars.
/// </summary>
public sealed record MetricsSummary(
    int Bars,
    double FinalEquity,
    double TotalReturn,
    double Cagr,
    double Volatility,
    double Sharpe,
    double Sortino,
    double Calmar,
    double MaxDrawdown,
    int MaxDrawdownDurationBars,
    double ProfitFactor,
    double WinRate,
    double AverageWin,
    double AverageLoss,
    double Expectancy,
    double Exposure,
    double Turnover,
    int TradeCount,
    double AverageHoldingBars)
{
    public static MetricsSummary From(BacktestResult result, double periodsPerYear = Annualization.TradingDaysPerYear)
    {
        ArgumentNullException.ThrowIfNull(result);
        var returns = result.Returns();
        var curve = new double[result.Equity.Length + 1];
        curve[0] = result.InitialCash;
        Array.Copy(result.Equity, 0, curve, 1, result.Equity.Length);
        var dd = Drawdown.Analyze(curve);
        var trades = TradeStatistics.From(result.Trades);
        var bars = result.Equity.Length;
        var invested = 0;
        var equitySum = 0.0;
        for (var t = 0; t < bars; t++)
        {
            if (result.GrossExposure[t] > 0)
            {
                invested++;
            }

            equitySum += result.Equity[t];
        }

        var notional = 0.0;
        foreach (var f in result.Fills)
        {
            notional += f.Quantity * f.Price;
        }

        var meanEquity = bars == 0 ? result.InitialCash : equitySum / bars;
        var cagr = PerformanceMetrics.Cagr(returns, periodsPerYear);
        return new MetricsSummary(
            bars,
            result.FinalEquity,
            PerformanceMetrics.TotalReturn(returns),
            cagr,
            PerformanceMetrics.Volatility(returns, periodsPerYear),
            PerformanceMetrics.Sharpe(returns, periodsPerYear),
            PerformanceMetrics.Sortino(returns, periodsPerYear),
            dd.MaxDrawdown == 0 ? 0 : cagr / dd.MaxDrawdown,
            dd.MaxDrawdown,
            dd.LongestDrawdownBars,
            trades.ProfitFactor,
            trades.WinRate,
            trades.AverageWin,
            trades.AverageLoss,
            trades.Expectancy,
            bars == 0 ? 0 : (double)invested / bars,
            bars == 0 || meanEquity <= 0 ? 0 : notional / meanEquity * periodsPerYear / bars,
            trades.TradeCount,
            trades.AverageHoldingBars);
    }

    /// <summary>Name/value pairs in display order (used by the tear sheet and summary.json).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> AsPairs() =>
    [
        new("bars", Bars),
        new("final_equity", FinalEquity),
        new("total_return", TotalReturn),
        new("cagr", Cagr),
        new("volatility", Volatility),
        new("sharpe", Sharpe),
        new("sortino", Sortino),
        new("calmar", Calmar),
        new("max_drawdown", MaxDrawdown),
        new("max_drawdown_duration_bars", MaxDrawdownDurationBars),
        new("profit_factor", ProfitFactor),
        new("win_rate", WinRate),
        new("average_win", AverageWin),
        new("average_loss", AverageLoss),
        new("expectancy", Expectancy),
        new("exposure", Exposure),
        new("turnover", Turnover),
        new("trade_count", TradeCount),
        new("average_holding_bars", AverageHoldingBars),
    ];
}
