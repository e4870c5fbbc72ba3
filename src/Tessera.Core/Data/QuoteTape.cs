using Tessera.Core.Errors;

namespace Tessera.Core.Data;

/// <summary>Top-of-book quote updates of one symbol in column layout, time-ordered, UTC epoch ms.</summary>
public sealed class QuoteTape
{
    public QuoteTape(string symbol, long[] timestamps, double[] bid, double[] ask, double[] bidSize, double[] askSize)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(bid);
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentNullException.ThrowIfNull(bidSize);
        ArgumentNullException.ThrowIfNull(askSize);
        var n = timestamps.Length;
        if (bid.Length != n || ask.Length != n || bidSize.Length != n || askSize.Length != n)
        {
            throw new TesseraValidationException("quotes", symbol, "all quote columns must have the same length as the timestamps");
        }

        Symbol = symbol;
        Timestamps = timestamps;
        Bid = bid;
        Ask = ask;
        BidSize = bidSize;
        AskSize = askSize;
    }

    public string Symbol { get; }

    public long[] Timestamps { get; }

    public double[] Bid { get; }

    public double[] Ask { get; }

    public double[] BidSize { get; }

    public double[] AskSize { get; }

    public int Count => Timestamps.Length;
}
