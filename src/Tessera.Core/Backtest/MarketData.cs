using Tessera.Core.Data;
using Tessera.Core.Errors;

namespace Tessera.Core.Backtest;

/// <summary>
/// Bars of many symbols on one calendar (the sorted union of their timestamps), column layout per symbol:
/// Open[s][t] is NaN where symbol s has no bar at calendar index t. Both backtest engines read this.
/// Construction validates the bars (finite positive prices, low &lt;= open/close &lt;= high, increasing timestamps,
/// unique symbols) so the engines never see dirty input.
/// </summary>
public sealed class MarketData
{
    private readonly Dictionary<string, int> _index;

    public MarketData(IReadOnlyList<BarSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new TesseraValidationException("series", "0", "need at least one symbol");
        }

        _index = new Dictionary<string, int>(series.Count, StringComparer.Ordinal);
        for (var s = 0; s < series.Count; s++)
        {
            var b = series[s];
            if (!_index.TryAdd(b.Symbol, s))
            {
                throw new TesseraValidationException("symbol", b.Symbol, "symbols must be unique");
            }

            Validate(b);
        }

        Calendar = TradingCalendar.Union(series);
        var n = series.Count;
        var length = Calendar.Length;
        Symbols = new string[n];
        Open = new double[n][];
        High = new double[n][];
        Low = new double[n][];
        Close = new double[n][];
        Volume = new double[n][];
        for (var s = 0; s < n; s++)
        {
            var b = series[s];
            Symbols[s] = b.Symbol;
            double[] open = GC.AllocateUninitializedArray<double>(length), high = GC.AllocateUninitializedArray<double>(length),
                low = GC.AllocateUninitializedArray<double>(length), close = GC.AllocateUninitializedArray<double>(length),
                volume = GC.AllocateUninitializedArray<double>(length);

            // The series' timestamps strictly increase (validated above) and all are on the calendar, so one walk places
            // every bar and writes NaN into every calendar slot the symbol has no bar at (each slot written once).
            var t = 0;
            for (var i = 0; i < b.Count; i++)
            {
                var at = b.Timestamps[i];
                for (; Calendar[t] < at; t++)
                {
                    open[t] = high[t] = low[t] = close[t] = volume[t] = double.NaN;
                }

                open[t] = b.Open[i];
                high[t] = b.High[i];
                low[t] = b.Low[i];
                close[t] = b.Close[i];
                volume[t] = b.Volume[i];
                t++;
            }

            for (; t < length; t++)
            {
                open[t] = high[t] = low[t] = close[t] = volume[t] = double.NaN;
            }

            (Open[s], High[s], Low[s], Close[s], Volume[s]) = (open, high, low, close, volume);
        }
    }

    public long[] Calendar { get; }

    public string[] Symbols { get; }

    public double[][] Open { get; }

    public double[][] High { get; }

    public double[][] Low { get; }

    public double[][] Close { get; }

    public double[][] Volume { get; }

    public int SymbolCount => Symbols.Length;

    public int BarCount => Calendar.Length;

    public bool HasBar(int symbol, int bar) => !double.IsNaN(Close[symbol][bar]);

    public bool TryGetSymbol(string symbol, out int index) => _index.TryGetValue(symbol, out index);

    public int SymbolIndex(string symbol) =>
        _index.TryGetValue(symbol, out var i) ? i : throw new TesseraValidationException("symbol", symbol, "unknown symbol (not in the market data)");

    /// <summary>Calendar index of a timestamp, or -1.</summary>
    public int BarIndex(long timestampUtcMs)
    {
        var i = Array.BinarySearch(Calendar, timestampUtcMs);
        return i < 0 ? -1 : i;
    }

    private static void Validate(BarSeries b)
    {
        for (var i = 0; i < b.Count; i++)
        {
            if (i > 0 && b.Timestamps[i] <= b.Timestamps[i - 1])
            {
                throw new TesseraValidationException("timestamp", b.Timestamps[i].ToString(), "timestamps must be strictly increasing", Where(b, i));
            }

            double o = b.Open[i], h = b.High[i], l = b.Low[i], c = b.Close[i], v = b.Volume[i];
            if (!(double.IsFinite(o) && double.IsFinite(h) && double.IsFinite(l) && double.IsFinite(c) && o > 0 && h > 0 && l > 0 && c > 0))
            {
                throw new TesseraValidationException("price", $"o={o} h={h} l={l} c={c}", "OHLC must be finite and positive", Where(b, i));
            }

            if (l > Math.Min(o, c) || h < Math.Max(o, c))
            {
                throw new TesseraValidationException("price", $"o={o} h={h} l={l} c={c}", "low <= open, close <= high", Where(b, i));
            }

            if (!(double.IsFinite(v) && v >= 0))
            {
                throw new TesseraValidationException("volume", v.ToString("R"), "volume must be finite and >= 0", Where(b, i));
            }
        }
    }

    // Built only for the error: a string per bar cost more than the checks themselves on the S&P file.
    private static string Where(BarSeries b, int i) => b.Symbol + " bar " + i;
}
