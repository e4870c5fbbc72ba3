namespace Tessera.Core.Metrics;

/// <summary>
/// Return-based performance statistics, annualised by default with <see cref="Annualization.TradingDaysPerYear"/>. Conventions (pinned by tests):
/// risk-free rate 0; volatility is the sample standard deviation (n - 1) scaled by sqrt(periodsPerYear);
/// Sharpe = mean / sample sd * sqrt(P); Sortino = mean / downside deviation * sqrt(P) where the
/// downside deviation is sqrt(sum(min(r, 0)^2) / n) over ALL n periods (target 0, Sortino &amp; Price 1994);
/// CAGR = (prod(1 + r))^(P / n) - 1; Calmar = CAGR / max drawdown. Degenerate inputs (no variance,
/// no downside, no drawdown) return 0 rather than infinity so reports stay finite.
/// </summary>
public static class PerformanceMetrics
{
    public static double TotalReturn(ReadOnlySpan<double> returns)
    {
        ReturnSeries.RequireFinite(returns, "returns");
        var g = 1.0;
        foreach (var r in returns)
        {
            g *= 1.0 + r;
        }

        return g - 1.0;
    }

    public static double Cagr(ReadOnlySpan<double> returns, double periodsPerYear = Annualization.TradingDaysPerYear)
    {
        if (returns.Length == 0)
        {
            return 0;
        }

        var growth = 1.0 + TotalReturn(returns);
        return growth <= 0 ? -1.0 : Math.Pow(growth, periodsPerYear / returns.Length) - 1.0;
    }

    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var s = 0.0;
        foreach (var v in values)
        {
            s += v;
        }

        return s / values.Length;
    }

    /// <summary>Sample standard deviation (n - 1 denominator); 0 for fewer than two values.</summary>
    public static double SampleStdDev(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var m = Mean(values);
        var ss = 0.0;
        foreach (var v in values)
        {
            var d = v - m;
            ss += d * d;
        }

        return Math.Sqrt(ss / (values.Length - 1));
    }

    public static double Volatility(ReadOnlySpan<double> returns, double periodsPerYear = Annualization.TradingDaysPerYear)
    {
        ReturnSeries.RequireFinite(returns, "returns");
        return SampleStdDev(returns) * Math.Sqrt(periodsPerYear);
    }

    /// <summary>Per-period (non-annualized) Sharpe ratio: mean / sample sd.</summary>
    public static double PeriodSharpe(ReadOnlySpan<double> returns)
    {
        ReturnSeries.RequireFinite(returns, "returns");
        var sd = SampleStdDev(returns);
        return sd == 0 ? 0 : Mean(returns) / sd;
    }

    public static double Sharpe(ReadOnlySpan<double> returns, double periodsPerYear = Annualization.TradingDaysPerYear) =>
        PeriodSharpe(returns) * Math.Sqrt(periodsPerYear);

    public static double DownsideDeviation(ReadOnlySpan<double> returns)
    {
        if (returns.Length == 0)
        {
            return 0;
        }

        var ss = 0.0;
        foreach (var r in returns)
        {
            if (r < 0)
            {
                ss += r * r;
            }
        }

        return Math.Sqrt(ss / returns.Length);
    }

    public static double Sortino(ReadOnlySpan<double> returns, double periodsPerYear = Annualization.TradingDaysPerYear)
    {
        ReturnSeries.RequireFinite(returns, "returns");
        var dd = DownsideDeviation(returns);
        return dd == 0 ? 0 : Mean(returns) / dd * Math.Sqrt(periodsPerYear);
    }

    public static double Calmar(ReadOnlySpan<double> returns, double periodsPerYear = Annualization.TradingDaysPerYear)
    {
        var mdd = Drawdown.Analyze(Drawdown.EquityFromReturns(returns)).MaxDrawdown;
        return mdd == 0 ? 0 : Cagr(returns, periodsPerYear) / mdd;
    }
}
