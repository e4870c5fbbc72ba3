using Tessera.Core.Errors;

namespace Tessera.Core.Data;

/// <summary>
/// OHLCV bars of one symbol in column layout. Timestamps are UTC, Unix epoch milliseconds
/// (daily bars are stamped at 00:00 UTC of the trading date). Arrays are owned by the series and
/// must not be mutated by readers; numeric kernels take them as spans.
/// </summary>
public sealed class BarSeries
{
    public BarSeries(string symbol, long[] timestamps, double[] open, double[] high, double[] low, double[] close, double[] volume)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(high);
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(close);
        ArgumentNullException.ThrowIfNull(volume);
        var n = timestamps.Length;
        if (open.Length != n || high.Length != n || low.Length != n || close.Length != n || volume.Length != n)
        {
            throw new TesseraValidationException("bars", symbol, "all OHLCV columns must have the same length as the timestamps");
        }

        Symbol = symbol;
        Timestamps = timestamps;
        Open = open;
        High = high;
        Low = low;
        Close = close;
        Volume = volume;
    }

    public string Symbol { get; }

    public long[] Timestamps { get; }

    public double[] Open { get; }

    public double[] High { get; }

    public double[] Low { get; }

    public double[] Close { get; }

    public double[] Volume { get; }

    public int Count => Timestamps.Length;

    public static DateTime ToUtc(long unixMs) => DateTime.UnixEpoch.AddMilliseconds(unixMs);

    public static long ToUnixMs(DateTime utc) => (long)(utc.ToUniversalTime() - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>A copy of bars [start, start+length): used to cut history without sharing arrays.</summary>
    public BarSeries Slice(int start, int length) => new(
        Symbol,
        Timestamps.AsSpan(start, length).ToArray(),
        Open.AsSpan(start, length).ToArray(),
        High.AsSpan(start, length).ToArray(),
        Low.AsSpan(start, length).ToArray(),
        Close.AsSpan(start, length).ToArray(),
        Volume.AsSpan(start, length).ToArray());
}
