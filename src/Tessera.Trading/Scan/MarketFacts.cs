using Tessera.Core.Data;
using Tessera.Core.Indicators;

namespace Tessera.Trading.Scan;

/// <summary>
/// The per-symbol figures of the order path, from completed daily bars: 20-day average daily volume (the ADV cap's
/// reference), ATR(14) as a fraction of the last close (the Kelly taper's ATR%), and the 20-day standard deviation of
/// daily simple returns (volatility targeting). NaN when the history is too short: the sizing treats NaN as unknown
/// and refuses to size on it rather than guessing.
/// </summary>
public static class MarketFacts
{
    public const int AdvWindow = 20;
    public const int AtrPeriod = 14;
    public const int VolatilityWindow = 20;

    public static double AverageVolume(BarSeries bars, int window = AdvWindow)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count < window)
        {
            return double.NaN;
        }

        var v = bars.Volume.AsSpan(bars.Count - window);
        var sum = 0.0;
        foreach (var x in v)
        {
            sum += x;
        }

        return sum / window;
    }

    public static double AtrPercent(BarSeries bars, int period = AtrPeriod)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count <= period)
        {
            return double.NaN;
        }

        var atr = new double[bars.Count];
        Atr.Compute(bars.High, bars.Low, bars.Close, atr, period);
        var last = bars.Close[^1];
        return last > 0 ? atr[^1] / last : double.NaN;
    }

    /// <summary>Sample standard deviation of the last <paramref name="window"/> daily simple returns.</summary>
    public static double DailyVolatility(BarSeries bars, int window = VolatilityWindow)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count <= window)
        {
            return double.NaN;
        }

        var close = bars.Close;
        var start = close.Length - window;
        double mean = 0;
        for (var i = start; i < close.Length; i++)
        {
            mean += (close[i] / close[i - 1]) - 1;
        }

        mean /= window;
        double ss = 0;
        for (var i = start; i < close.Length; i++)
        {
            var d = (close[i] / close[i - 1]) - 1 - mean;
            ss += d * d;
        }

        return Math.Sqrt(ss / (window - 1));
    }

    public static SymbolMarketFacts From(BarSeries bars, decimal? bid, decimal? ask, DateTimeOffset? quoteTime)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return new SymbolMarketFacts(
            bars.Symbol,
            bars,
            bid,
            ask,
            quoteTime,
            bars.Count > 0 ? bars.Close[^1] : double.NaN,
            AverageVolume(bars),
            AtrPercent(bars),
            DailyVolatility(bars));
    }
}
