namespace Tessera.Core.Backtest.Sizing;

/// <summary>Trailing statistics over a symbol's own bars (NaN gaps in the calendar are skipped), ending at a bar.</summary>
internal static class SizingHistory
{
    /// <summary>Last <paramref name="count"/> simple close-to-close returns ending at <paramref name="bar"/>, or null if too few bars.</summary>
    public static double[]? Returns(double[] close, int bar, int count)
    {
        var r = new double[count];
        var k = count - 1;
        var later = double.NaN;
        for (var t = bar; t >= 0 && k >= 0; t--)
        {
            var c = close[t];
            if (double.IsNaN(c))
            {
                continue;
            }

            if (!double.IsNaN(later))
            {
                r[k--] = (later / c) - 1.0;
            }

            later = c;
        }

        return k < 0 ? r : null;
    }

    public static double RealizedVolatility(double[] close, int bar, int lookback)
    {
        var r = Returns(close, bar, lookback);
        return r is null ? double.NaN : Metrics.PerformanceMetrics.SampleStdDev(r) * Math.Sqrt(Metrics.Annualization.TradingDaysPerYear);
    }

    /// <summary>Wilder ATR(n) at <paramref name="bar"/> over the symbol's own bars (RMA seeded with the SMA of the first n true ranges).</summary>
    public static double Atr(MarketData data, int symbol, int bar, int n)
    {
        var high = data.High[symbol];
        var low = data.Low[symbol];
        var close = data.Close[symbol];
        double prevClose = double.NaN, atr = 0, seed = 0;
        var count = 0;
        for (var t = 0; t <= bar; t++)
        {
            if (double.IsNaN(close[t]))
            {
                continue;
            }

            if (!double.IsNaN(prevClose))
            {
                var tr = Math.Max(high[t] - low[t], Math.Max(Math.Abs(high[t] - prevClose), Math.Abs(low[t] - prevClose)));
                count++;
                if (count <= n)
                {
                    seed += tr;
                    if (count == n)
                    {
                        atr = seed / n;
                    }
                }
                else
                {
                    atr += (tr - atr) / n;
                }
            }

            prevClose = close[t];
        }

        return count >= n ? atr : double.NaN;
    }

    /// <summary>Average volume over the symbol's last n bars ending at <paramref name="bar"/>; NaN if fewer.</summary>
    public static double AverageVolume(double[] volume, int bar, int n)
    {
        double s = 0;
        var k = 0;
        for (var t = bar; t >= 0 && k < n; t--)
        {
            if (!double.IsNaN(volume[t]))
            {
                s += volume[t];
                k++;
            }
        }

        return k == n ? s / n : double.NaN;
    }
}
