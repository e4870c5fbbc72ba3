using System.Runtime.InteropServices;
using Tessera.Core.Data;
using Tessera.Core.Markets;
using Tessera.Exchange.Market;

namespace Tessera.Trading.Tests.Sep.Support;

/// <summary>
/// A hand-made minute market for the live SEP desk's tests on the local exchange, built so every metric is known by
/// hand. On <see cref="Day"/> each minute bar m (m = 0 at 09:30 New York) of a trending symbol has two prints: the
/// previous close at :00 and the new close at :30, each of 100 shares; closes move by ±0.25 (exact in binary), so every
/// bar's range is 0.25 and its volume 200: only the direction bit of the bitstream ever changes.
/// An "up" run gives C = 1, S = 1, R = 0, H = 0 (score 1); an alternating run over a window of 4 gives C = 0, S = 2/3,
/// R = 0, H = 1/3 (score 0.2 x 2/3 + 0.15 + 0.05 x 2/3 = 19/60). Quotes are explicit, every 5 s, size 1,000,000:
/// 99.99 / 100.01 (mid 100.00) for the SEP symbols, a locked 100 / 100 for HLD (trades at 100), so fills and marks are
/// exact. 30 completed sessions of daily bars (volume 2,000,000) before the day give the 20-day ADV the ADV cap needs.
/// </summary>
internal static class SepTestMarket
{
    public static readonly DateOnly Day = new(2024, 3, 13);

    public static DateTimeOffset At(int hour, int minute, int second = 0) => UsEastern.At(Day, new TimeOnly(hour, minute, second));

    /// <summary>Always up, 09:30 to 11:00.</summary>
    public static Func<int, int> Up { get; } = _ => 1;

    /// <summary>Up until 10:00 (m &lt; 30), then down, up, down, ... (bar 10:00 is down).</summary>
    public static Func<int, int> UpThenAlternating { get; } = m => m < 30 ? 1 : ((m - 30) % 2 == 0 ? -1 : 1);

    /// <param name="trending">the SEP symbols and their step sign per minute.</param>
    /// <param name="lastMinute">no trending prints after this minute index (stale-data tests stop the bars there; quotes go on).</param>
    public static MarketTape Tape(IReadOnlyList<(string Symbol, Func<int, int> Step)> trending, int lastMinute = 90, bool withHeld = true)
    {
        var trades = new List<TradeTape>();
        var quotes = new List<QuoteTape>();
        foreach (var (symbol, step) in trending)
        {
            trades.Add(Trending(symbol, step, lastMinute));
            quotes.Add(Quotes(symbol, 99.99, 100.01));
        }

        if (withHeld)
        {
            trades.Add(Flat("HLD", 100));
            quotes.Add(Quotes("HLD", 100, 100));
        }

        return MarketTape.Build(trades, quotes);
    }

    private static TradeTape Trending(string symbol, Func<int, int> step, int lastMinute)
    {
        var ts = new List<long>();
        var px = new List<double>();
        var close = 100.0;
        for (var m = 0; m <= lastMinute; m++)
        {
            var open = close;
            close = open + (0.25 * step(m));
            ts.Add(At(9, 30).AddMinutes(m).ToUnixTimeMilliseconds());
            px.Add(open);
            ts.Add(At(9, 30).AddMinutes(m).AddSeconds(30).ToUnixTimeMilliseconds());
            px.Add(close);
        }

        return WithHistory(symbol, ts, px);
    }

    private static TradeTape Flat(string symbol, double price)
    {
        var ts = new List<long>();
        var px = new List<double>();
        for (var at = At(9, 30); at <= At(11, 0); at = at.AddSeconds(30))
        {
            ts.Add(at.ToUnixTimeMilliseconds());
            px.Add(price);
        }

        return WithHistory(symbol, ts, px);
    }

    /// <summary>30 completed sessions of flat daily bars at 100 (volume 2,000,000) before the day, then the day's prints.</summary>
    private static TradeTape WithHistory(string symbol, List<long> todayTs, List<double> todayPx)
    {
        var sessions = NyseCalendar.Sessions(Day.AddDays(-60), Day.AddDays(-1)).ToList();
        sessions = sessions.Skip(sessions.Count - 30).ToList();
        var n = sessions.Count;
        var t = new long[n];
        var o = new double[n];
        var h = new double[n];
        var l = new double[n];
        var c = new double[n];
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            t[i] = new DateTimeOffset(sessions[i].Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
            o[i] = 100;
            h[i] = 100.5;
            l[i] = 99.5;
            c[i] = 100;
            v[i] = 2_000_000;
        }

        var history = BarPrints.FromBars(new BarSeries(symbol, t, o, h, l, c, v));
        return history.Append(CollectionsMarshal.AsSpan(todayTs), CollectionsMarshal.AsSpan(todayPx), 100, (byte)'P');
    }

    private static QuoteTape Quotes(string symbol, double bid, double ask)
    {
        var ts = new List<long>();
        for (var at = At(9, 30); at <= At(11, 0); at = at.AddSeconds(5))
        {
            ts.Add(at.ToUnixTimeMilliseconds());
        }

        var n = ts.Count;
        var bids = new double[n];
        var asks = new double[n];
        var sizes = new double[n];
        Array.Fill(bids, bid);
        Array.Fill(asks, ask);
        Array.Fill(sizes, 1_000_000);
        return new QuoteTape(symbol, [.. ts], bids, asks, sizes, [.. sizes]);
    }
}
