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
        var pos = new Dictionary<long, int>(Calendar.Length);
        for (var t = 0; t < Calendar.Length; t++)
        {
            pos[Calendar[t]] = t;
        }

        var n = series.Count;
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
            Open[s] = NaNs(Calendar.Length);
            High[s] = NaNs(Calendar.Length);
            Low[s] = NaNs(Calendar.Length);
            Close[s] = NaNs(Calendar.Length);
            Volume[s] = NaNs(Calendar.Length);
            for (var i = 0; i < b.Count; i++)
            {
                var t = pos[b.Timestamps[i]];
                Open[s][t] = b.Open[i];
                High[s][t] = b.High[i];
                Low[s][t] = b.Low[i];
                Close[s][t] = b.Close[i];
                Volume[s][t] = b.Volume[i];
            }
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

    private static double[] NaNs(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }

    private static void Validate(BarSeries b)
    {
        for (var i = 0; i < b.Count; i++)
        {
            var where = b.Symbol + " bar " + i;
            if (i > 0 && b.Timestamps[i] <= b.Timestamps[i - 1])
            {
                throw new TesseraValidationException("timestamp", b.Timestamps[i].ToString(), "timestamps must be strictly increasing", where);
            }

            double o = b.Open[i], h = b.High[i], l = b.Low[i], c = b.Close[i], v = b.Volume[i];
            if (!(double.IsFinite(o) && double.IsFinite(h) && double.IsFinite(l) && double.IsFinite(c) && o > 0 && h > 0 && l > 0 && c > 0))
            {
                throw new TesseraValidationException("price", $"o={o} h={h} l={l} c={c}", "OHLC must be finite and positive", where);
            }

            if (l > Math.Min(o, c) || h < Math.Max(o, c))
            {
                throw new TesseraValidationException("price", $"o={o} h={h} l={l} c={c}", "low <= open, close <= high", where);
            }

            if (!(double.IsFinite(v) && v >= 0))
            {
                throw new TesseraValidationException("volume", v.ToString("R"), "volume must be finite and >= 0", where);
            }
        }
    }
}
