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
}
