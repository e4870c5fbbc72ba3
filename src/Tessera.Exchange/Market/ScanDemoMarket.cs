using Tessera.Core.Data;
using Tessera.Core.Markets;

namespace Tessera.Exchange.Market;

/// <summary>
/// A hand-made market for the order path's demo (<c>tessera exchange serve --data scan-demo</c>, `make trade-demo`)
/// and its tests: 260 completed NYSE sessions of daily bars per symbol ending the day before
/// <see cref="ScanDay"/> (laid on the sessions by the exchange's BarPrints), then today's prints around the scan so quotes
/// are fresh. Each symbol is built for one outcome of the canary profile ($75 per order):
/// AAA ~$40 in an uptrend with a one-day 4 % pullback (Connors RSI-2 long entry, one share fits: approved);
/// BBB ~$150, same shape (entry, but $75 buys no share: budget_below_one_share);
/// CCC ~$20 steady uptrend (no signal);
/// DDD ~$3.4, same shape as AAA (entry, but one tick is 0.3 % of the price: spread_too_wide, deferred).
/// </summary>
public static class ScanDemoMarket
{
    public static readonly DateOnly ScanDay = new(2024, 3, 13);

    /// <summary>10:30 New York on the scan day.</summary>
    public static readonly DateTimeOffset ScanTime = UsEastern.At(ScanDay, new TimeOnly(10, 30));

    /// <summary>The TapeSources name of this market.</summary>
    public const string Name = "scan-demo";

    public static MarketTape Tape()
    {
        var sessions = NyseCalendar.Sessions(ScanDay.AddDays(-420), ScanDay.AddDays(-1)).ToList();
        sessions = sessions.Skip(sessions.Count - 260).ToList();
        return MarketTape.Build(
        [
            Symbol("AAA", sessions, start: 30, end: 42, pullback: true),
            Symbol("BBB", sessions, start: 110, end: 155, pullback: true),
            Symbol("CCC", sessions, start: 15, end: 20, pullback: false),
            Symbol("DDD", sessions, start: 2.6, end: 3.5, pullback: true),
        ],
        []);
    }

    private static TradeTape Symbol(string symbol, List<TradingSession> sessions, double start, double end, bool pullback)
    {
        var n = sessions.Count;
        var t = new long[n];
        var o = new double[n];
        var h = new double[n];
        var l = new double[n];
        var c = new double[n];
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            // A straight uptrend with a small zig-zag (so RSI is defined), and a 4 % drop on the last day: RSI(2) falls
            // below 10 above the SMA(200), Connors RSI-2's long entry, on the last completed bar only.
            var close = start + ((end - start) * i / (n - 2)) + (i % 2 == 0 ? 0.001 * start : -0.001 * start);
            if (i == n - 1)
            {
                close = c[i - 1] * (pullback ? 0.96 : 1.002);
            }

            t[i] = new DateTimeOffset(sessions[i].Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
            c[i] = Math.Round(close, 2);
            o[i] = Math.Round(i == 0 ? close : c[i - 1], 2);
            h[i] = Math.Round(Math.Max(o[i], c[i]) * 1.004, 2);
            l[i] = Math.Round(Math.Min(o[i], c[i]) * 0.996, 2);
            v[i] = 2_000_000;
        }

        var history = BarPrints.FromBars(new BarSeries(symbol, t, o, h, l, c, v));

        // Today's prints: the open at 09:30, then one every 2 seconds from 10:29:00 to 10:45:00 at the last close, so the
        // quotes stay fresh for a scan at 10:30 on a real-time clock (the demo) as on a manual one (the tests).
        var today = new List<DateTimeOffset> { UsEastern.At(ScanDay, new TimeOnly(9, 30)) };
        for (var at = UsEastern.At(ScanDay, new TimeOnly(10, 29)); at <= UsEastern.At(ScanDay, new TimeOnly(10, 45)); at = at.AddSeconds(2))
        {
            today.Add(at);
        }

        var todayTs = new long[today.Count];
        var todayPx = new double[today.Count];
        for (var k = 0; k < today.Count; k++)
        {
            todayTs[k] = today[k].ToUnixTimeMilliseconds();
            todayPx[k] = c[^1];
        }

        return history.Append(todayTs, todayPx, 50_000, (byte)'P');
    }
}
