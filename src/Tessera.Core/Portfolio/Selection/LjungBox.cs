namespace Tessera.Core.Portfolio.Selection;

/// <summary>
/// Ljung-Box Q = n (n + 2) sum_{k=1..h} rho_k^2 / (n - k) over the autocorrelation spectrum of a
/// series (NaN removed). Q above the chi-square(h) 95% quantile means serial structure a strategy
/// can exploit. h = 5: critical value 11.070497693516351 (chi-square table).
/// </summary>
public static class LjungBox
{
    public const int Lags = 5;

    public const double Critical95 = 11.070497693516351;

    public static double Statistic(ReadOnlySpan<double> series)
    {
        var values = new List<double>(series.Length);
        foreach (var v in series)
        {
            if (!double.IsNaN(v))
            {
                values.Add(v);
            }
        }

        var n = values.Count;
        if (n <= Lags + 1)
        {
            return 0;
        }

        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= n;
        var c0 = 0.0;
        foreach (var v in values)
        {
            c0 += (v - mean) * (v - mean);
        }

        if (c0 == 0)
        {
            return 0;
        }

        var q = 0.0;
        for (var k = 1; k <= Lags; k++)
        {
            var ck = 0.0;
            for (var t = k; t < n; t++)
            {
                ck += (values[t] - mean) * (values[t - k] - mean);
            }

            var rho = ck / c0;
            q += rho * rho / (n - k);
        }

        return n * (n + 2.0) * q;
    }
}
