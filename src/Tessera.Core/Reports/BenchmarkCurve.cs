using Tessera.Core.Backtest;

namespace Tessera.Core.Reports;

/// <summary>
/// The tear sheet's benchmark: cumulative return per simulated bar of the backtest (index 0 is the first bar,
/// value 0), NaN before the benchmark has a price. <see cref="Name"/> says which benchmark it is.
/// </summary>
public sealed record BenchmarkCurve(string Name, double[] CumulativeReturn)
{
    /// <summary>
    /// SPY buy-and-hold when the market data holds SPY (symbol <c>SPY</c> or <c>EXCHANGE:SPY</c>): close / first
    /// close in the window - 1, carrying the last close over dates without a SPY bar. Otherwise the universe's equal
    /// weight, rebalanced daily: growth multiplies 1 + the mean close-to-close return of the symbols that have a bar
    /// on both consecutive calendar dates (a date where none has is flat).
    /// </summary>
    public static BenchmarkCurve For(MarketData data, BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(result);
        var spy = Array.FindIndex(data.Symbols, s => s == "SPY" || s.EndsWith(":SPY", StringComparison.Ordinal));
        return spy >= 0 ? BuyAndHold(data, result, spy) : EqualWeight(data, result);
    }

    private static BenchmarkCurve BuyAndHold(MarketData data, BacktestResult result, int s)
    {
        var n = result.Equity.Length;
        var curve = new double[n];
        var close = data.Close[s];
        double first = double.NaN, last = double.NaN;
        for (var t = 0; t < n; t++)
        {
            var c = close[result.StartBar + t];
            if (!double.IsNaN(c))
            {
                last = c;
                if (double.IsNaN(first))
                {
                    first = c;
                }
            }

            curve[t] = double.IsNaN(first) ? double.NaN : (last / first) - 1.0;
        }

        return new BenchmarkCurve(data.Symbols[s] + " buy-and-hold", curve);
    }

    private static BenchmarkCurve EqualWeight(MarketData data, BacktestResult result)
    {
        var n = result.Equity.Length;
        var curve = new double[n];
        var growth = 1.0;
        for (var t = 1; t < n; t++)
        {
            var bar = result.StartBar + t;
            double sum = 0;
            var count = 0;
            for (var s = 0; s < data.SymbolCount; s++)
            {
                var prev = data.Close[s][bar - 1];
                var now = data.Close[s][bar];
                if (prev > 0 && !double.IsNaN(now))
                {
                    sum += (now / prev) - 1.0;
                    count++;
                }
            }

            growth *= 1.0 + (count == 0 ? 0 : sum / count);
            curve[t] = growth - 1.0;
        }

        return new BenchmarkCurve($"equal weight of {data.SymbolCount} symbols (daily rebalanced)", curve);
    }
}
