using Tessera.Core.Data;

namespace Tessera.Core.Metrics;

/// <summary>One calendar month's compounded return.</summary>
public readonly record struct MonthlyReturn(int Year, int Month, double Return);

/// <summary>Rolling and calendar aggregations used by the tear sheet.</summary>
public static class RollingStatistics
{
    /// <summary>Annualized Sharpe over each trailing window of returns; NaN for the first window - 1 entries.</summary>
    public static double[] RollingSharpe(ReadOnlySpan<double> returns, int window, double periodsPerYear = Annualization.TradingDaysPerYear)
    {
        var result = new double[returns.Length];
        double sum = 0, sumSq = 0;
        for (var t = 0; t < returns.Length; t++)
        {
            sum += returns[t];
            sumSq += returns[t] * returns[t];
            if (t >= window)
            {
                sum -= returns[t - window];
                sumSq -= returns[t - window] * returns[t - window];
            }

            if (t < window - 1)
            {
                result[t] = double.NaN;
                continue;
            }

            var mean = sum / window;
            var variance = Math.Max(0, (sumSq - (window * mean * mean)) / (window - 1));
            result[t] = variance <= 1e-24 ? 0 : mean / Math.Sqrt(variance) * Math.Sqrt(periodsPerYear);
        }

        return result;
    }

    /// <summary>
    /// Compounded return per calendar month (UTC) of an equity curve: the month's last equity over the previous month's
    /// last equity (the initial capital for the first month).
    /// </summary>
    public static List<MonthlyReturn> Monthly(ReadOnlySpan<long> timestampsUtcMs, ReadOnlySpan<double> equity, double initial)
    {
        var result = new List<MonthlyReturn>();
        var baseEquity = initial;
        for (var t = 0; t < equity.Length; t++)
        {
            var d = BarSeries.ToUtc(timestampsUtcMs[t]);
            var last = t == equity.Length - 1 || BarSeries.ToUtc(timestampsUtcMs[t + 1]).Month != d.Month || BarSeries.ToUtc(timestampsUtcMs[t + 1]).Year != d.Year;
            if (last)
            {
                result.Add(new MonthlyReturn(d.Year, d.Month, (equity[t] / baseEquity) - 1));
                baseEquity = equity[t];
            }
        }

        return result;
    }
}
