using Tessera.Core.Errors;

namespace Tessera.Core.Metrics;

/// <summary>Simple (arithmetic) period returns from an equity curve: r_t = E_t / E_{t-1} - 1.</summary>
public static class ReturnSeries
{
    public static double[] FromEquity(ReadOnlySpan<double> equity)
    {
        if (equity.Length < 2)
        {
            return [];
        }

        var r = new double[equity.Length - 1];
        for (var t = 1; t < equity.Length; t++)
        {
            var prev = equity[t - 1];
            if (!double.IsFinite(prev) || prev <= 0 || !double.IsFinite(equity[t]))
            {
                throw new TesseraValidationException("equity", equity[t - 1].ToString("R"), "equity must be finite and positive to form returns", "index " + (t - 1));
            }

            r[t - 1] = (equity[t] / prev) - 1.0;
        }

        return r;
    }

    internal static void RequireFinite(ReadOnlySpan<double> values, string field)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new TesseraValidationException(field, values[i].ToString("R"), "values must be finite", "index " + i);
            }
        }
    }
}
