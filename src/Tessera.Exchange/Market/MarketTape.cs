using Tessera.Core.Data;

namespace Tessera.Exchange.Market;

/// <summary>
/// Everything the exchange replays, merged across symbols in column layout and time order (UTC Unix ms): trade
/// prints, and quotes where the data has them. Symbols are Alpaca tickers (the exchange prefix of a Tessera
/// identity EXCHANGE:SYMBOL is dropped). Quotes with the same timestamp as a trade come first (the quote in force).
/// </summary>
public sealed class MarketTape
{
    private MarketTape(string[] symbols, bool[] hasQuotes, long[] tradeTs, int[] tradeSym, double[] price, double[] size, byte[] venue,
        long[] quoteTs, int[] quoteSym, double[] bid, double[] ask, double[] bidSize, double[] askSize)
    {
        Symbols = symbols;
        SymbolHasQuotes = hasQuotes;
        TradeTs = tradeTs;
        TradeSym = tradeSym;
        Price = price;
        Size = size;
        Venue = venue;
        QuoteTs = quoteTs;
        QuoteSym = quoteSym;
        Bid = bid;
        Ask = ask;
        BidSize = bidSize;
        AskSize = askSize;
    }

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Per symbol: the data brings quotes (no synthesis needed).</summary>
    public bool[] SymbolHasQuotes { get; }

    public long[] TradeTs { get; }
    public int[] TradeSym { get; }
    public double[] Price { get; }
    public double[] Size { get; }
    public byte[] Venue { get; }
    public long[] QuoteTs { get; }
    public int[] QuoteSym { get; }
    public double[] Bid { get; }
    public double[] Ask { get; }
    public double[] BidSize { get; }
    public double[] AskSize { get; }

    public int TradeCount => TradeTs.Length;

    public int QuoteCount => QuoteTs.Length;

    public static MarketTape Empty(IReadOnlyList<string> symbols) => Build(symbols.Select(s => new TradeTape(s, [], [], [], [], [], [])).ToList(), []);

    /// <summary>The first event's time, or null for an empty tape.</summary>
    public DateTimeOffset? First
    {
        get
        {
            long? t = null;
            if (TradeTs.Length > 0)
            {
                t = TradeTs[0];
            }

            if (QuoteTs.Length > 0 && (t is null || QuoteTs[0] < t))
            {
                t = QuoteTs[0];
            }

            return t is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        }
    }

    public static string AlpacaSymbol(string identity) => SymbolId.Parse(identity).Ticker;

    /// <summary>Merges per-symbol tapes into one time-ordered tape (stable: equal timestamps keep input order).</summary>
    public static MarketTape Build(IReadOnlyList<TradeTape> trades, IReadOnlyList<QuoteTape> quotes)
    {
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentNullException.ThrowIfNull(quotes);
        var symbols = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int Sym(string identity)
        {
            var s = AlpacaSymbol(identity);
            if (!index.TryGetValue(s, out var i))
            {
                i = symbols.Count;
                symbols.Add(s);
                index[s] = i;
            }

            return i;
        }

        var n = trades.Sum(t => t.Count);
        var ts = new long[n];
        var sym = new int[n];
        var price = new double[n];
        var size = new double[n];
        var venue = new byte[n];
        var k = 0;
        foreach (var t in trades)
        {
            var s = Sym(t.Symbol);
            t.Timestamps.CopyTo(ts, k);
            t.Price.CopyTo(price, k);
            t.Size.CopyTo(size, k);
            t.Exchange.CopyTo(venue, k);
            Array.Fill(sym, s, k, t.Count);
            k += t.Count;
        }

        var m = quotes.Sum(q => q.Count);
        var qts = new long[m];
        var qsym = new int[m];
        var bid = new double[m];
        var ask = new double[m];
        var bs = new double[m];
        var asz = new double[m];
        k = 0;
        foreach (var q in quotes)
        {
            var s = Sym(q.Symbol);
            q.Timestamps.CopyTo(qts, k);
            q.Bid.CopyTo(bid, k);
            q.Ask.CopyTo(ask, k);
            q.BidSize.CopyTo(bs, k);
            q.AskSize.CopyTo(asz, k);
            Array.Fill(qsym, s, k, q.Count);
            k += q.Count;
        }

        var hasQuotes = new bool[symbols.Count];
        foreach (var q in quotes)
        {
            if (q.Count > 0)
            {
                hasQuotes[index[AlpacaSymbol(q.Symbol)]] = true;
            }
        }

        if (trades.Count > 1)
        {
            SortByTime(ts, sym, price, size, venue);
        }

        if (quotes.Count > 1)
        {
            SortByTime(qts, qsym, bid, ask, bs, asz);
        }

        return new MarketTape([.. symbols], hasQuotes, ts, sym, price, size, venue, qts, qsym, bid, ask, bs, asz);
    }

    private static void SortByTime(long[] ts, int[] sym, double[] a, double[] b, byte[] c)
    {
        var order = StableOrder(ts);
        Permute(order, ts);
        Permute(order, sym);
        Permute(order, a);
        Permute(order, b);
        Permute(order, c);
    }

    private static void SortByTime(long[] ts, int[] sym, double[] a, double[] b, double[] c, double[] d)
    {
        var order = StableOrder(ts);
        Permute(order, ts);
        Permute(order, sym);
        Permute(order, a);
        Permute(order, b);
        Permute(order, c);
        Permute(order, d);
    }

    private static int[] StableOrder(long[] ts)
    {
        var order = new int[ts.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Sort (timestamp, original position) pairs: stable by construction.
        var keys = new (long, int)[ts.Length];
        for (var i = 0; i < ts.Length; i++)
        {
            keys[i] = (ts[i], i);
        }

        Array.Sort(keys, order);
        return order;
    }

    private static void Permute<T>(int[] order, T[] values)
    {
        var copy = (T[])values.Clone();
        for (var i = 0; i < order.Length; i++)
        {
            values[i] = copy[order[i]];
        }
    }
}
