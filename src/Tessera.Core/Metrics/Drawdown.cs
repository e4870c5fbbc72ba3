namespace Tessera.Core.Metrics;

/// <summary>Worst peak-to-trough loss and the longest time spent below a previous peak.</summary>
/// <param name="MaxDrawdown">max over t of 1 - E_t / max(E_0..E_t), a positive fraction.</param>
/// <param name="MaxDrawdownPeakIndex">index of the peak that precedes the worst trough.</param>
/// <param name="MaxDrawdownTroughIndex">index of the worst trough.</param>
/// <param name="LongestDrawdownBars">longest run of bars from a peak until equity is back at or above it
/// (counted to the last bar when it never recovers).</param>
public readonly record struct DrawdownStats(double MaxDrawdown, int MaxDrawdownPeakIndex, int MaxDrawdownTroughIndex, int LongestDrawdownBars);

public static class Drawdown
{
    public static double[] EquityFromReturns(ReadOnlySpan<double> returns)
    {
        var e = new double[returns.Length + 1];
        e[0] = 1.0;
        for (var t = 0; t < returns.Length; t++)
        {
            e[t + 1] = e[t] * (1.0 + returns[t]);
        }

        return e;
    }

    /// <summary>Drawdown series 1 - E_t / peak_t (0 at new highs).</summary>
    public static double[] Series(ReadOnlySpan<double> equity)
    {
        var dd = new double[equity.Length];
        var peak = double.NegativeInfinity;
        for (var t = 0; t < equity.Length; t++)
        {
            peak = Math.Max(peak, equity[t]);
            dd[t] = peak > 0 ? 1.0 - (equity[t] / peak) : 0;
        }

        return dd;
    }

    public static DrawdownStats Analyze(ReadOnlySpan<double> equity)
    {
        ReturnSeries.RequireFinite(equity, "equity");
        if (equity.Length == 0)
        {
            return default;
        }

        var peak = equity[0];
        var peakIndex = 0;
        var maxDd = 0.0;
        var maxPeak = 0;
        var maxTrough = 0;
        var longest = 0;
        for (var t = 1; t < equity.Length; t++)
        {
            if (equity[t] >= peak)
            {
                // Every bar strictly between two consecutive peaks is below the first one, so a gap > 1 is a drawdown.
                if (t - peakIndex > 1)
                {
                    longest = Math.Max(longest, t - peakIndex);
                }

                peak = equity[t];
                peakIndex = t;
                continue;
            }

            var dd = 1.0 - (equity[t] / peak);
            if (dd > maxDd)
            {
                maxDd = dd;
                maxPeak = peakIndex;
                maxTrough = t;
            }
        }

        // An unrecovered drawdown lasts until the last bar.
        if (peakIndex < equity.Length - 1 && equity[^1] < peak)
        {
            longest = Math.Max(longest, equity.Length - 1 - peakIndex);
        }

        return new DrawdownStats(maxDd, maxPeak, maxTrough, longest);
    }
}
