using Tessera.Core.Errors;

namespace Tessera.Core.Data;

/// <summary>
/// Trade prints of one symbol in column layout, time-ordered. Timestamps are UTC Unix epoch
/// milliseconds. <see cref="Exchange"/> holds the one-letter venue code as an ASCII byte so the
/// tape stays allocation-free per print; <see cref="Condition"/> is the vendor condition code.
/// </summary>
public sealed class TradeTape
{
    public TradeTape(string symbol, long[] timestamps, double[] price, double[] size, byte[] exchange, int[] condition, bool[] suspicious)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(price);
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(suspicious);
        var n = timestamps.Length;
        if (price.Length != n || size.Length != n || exchange.Length != n || condition.Length != n || suspicious.Length != n)
        {
            throw new TesseraValidationException("trades", symbol, "all trade columns must have the same length as the timestamps");
        }

        Symbol = symbol;
        Timestamps = timestamps;
        Price = price;
        Size = size;
        Exchange = exchange;
        Condition = condition;
        Suspicious = suspicious;
    }

    public string Symbol { get; }

    public long[] Timestamps { get; }

    public double[] Price { get; }

    public double[] Size { get; }

    public byte[] Exchange { get; }

    public int[] Condition { get; }

    public bool[] Suspicious { get; }

    public int Count => Timestamps.Length;

    /// <summary>
    /// This tape followed by <paramref name="timestamps"/>' prints at <paramref name="prices"/>, each of
    /// <paramref name="size"/> on <paramref name="exchange"/> (regular condition, not suspicious): a history of bars
    /// followed by a scripted day, as the demo market and the tests build them.
    /// </summary>
    public TradeTape Append(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> prices, double size, byte exchange)
    {
        if (prices.Length != timestamps.Length)
        {
            throw new TesseraValidationException("trades", Symbol, "appended prices must have the same length as their timestamps");
        }

        var n = Count;
        var m = n + timestamps.Length;
        var ts = new long[m];
        var px = new double[m];
        var sz = new double[m];
        var ex = new byte[m];
        var cond = new int[m];
        var sus = new bool[m];
        Timestamps.CopyTo(ts, 0);
        Price.CopyTo(px, 0);
        Size.CopyTo(sz, 0);
        Exchange.CopyTo(ex, 0);
        Condition.CopyTo(cond, 0);
        Suspicious.CopyTo(sus, 0);
        timestamps.CopyTo(ts.AsSpan(n));
        prices.CopyTo(px.AsSpan(n));
        sz.AsSpan(n).Fill(size);
        ex.AsSpan(n).Fill(exchange);
        return new TradeTape(Symbol, ts, px, sz, ex, cond, sus);
    }
}
