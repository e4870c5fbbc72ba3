using Tessera.Core.Determinism;

namespace Tessera.Core.Data.Synthetic;

/// <summary>Trades and the quotes in force at each of them for one synthetic session.</summary>
public sealed record SyntheticSession(TradeTape Trades, QuoteTape Quotes)
{
    private static readonly byte[] Venues = "PTQZKNDB"u8.ToArray();

    /// <summary>
    /// Generates one session: arrival times follow the arcsine law on the session (U-shaped intraday
    /// activity, busy at open and close); the mid is a fat-tailed random walk on the tick grid; each trade
    /// is preceded by a quote (spread 1-3 ticks) and prints at the bid, the ask or the mid.
    /// Quote i is the quote in force for trade i (same timestamp, published first).
    /// </summary>
    public static SyntheticSession Generate(SyntheticSessionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var symbol = SymbolId.Parse(spec.Symbol).ToString();
        var rng = new DeterministicRandom(spec.Seed);
        var n = spec.Trades;
        var openMs = BarSeries.ToUnixMs(spec.Date + spec.SessionOpen);
        var lengthMs = (spec.SessionClose - spec.SessionOpen).TotalMilliseconds;

        var timestamps = new long[n];
        for (var k = 0; k < n; k++)
        {
            var u = rng.NextDouble();
            var fraction = 0.5 * (1.0 - Math.Cos(Math.PI * u));
            timestamps[k] = openMs + (long)Math.Floor(fraction * lengthMs);
        }

        Array.Sort(timestamps);

        var price = new double[n];
        var size = new double[n];
        var exchange = new byte[n];
        var condition = new int[n];
        var suspicious = new bool[n];
        var bid = new double[n];
        var ask = new double[n];
        var bidSize = new double[n];
        var askSize = new double[n];

        var tick = spec.TickSize;
        var logMid = Math.Log(spec.OpenPrice);
        var stepVol = spec.SessionVolatility / Math.Sqrt(n);
        for (var k = 0; k < n; k++)
        {
            logMid += stepVol * rng.NextStudentT(spec.TailDegreesOfFreedom);
            var spreadTicks = 1 + rng.NextInt(3);
            var midTicks = Math.Round(Math.Exp(logMid) / tick);
            var bidTicks = Math.Max(1.0, midTicks - Math.Floor(spreadTicks / 2.0));
            var askTicks = bidTicks + spreadTicks;
            bid[k] = Math.Round(bidTicks * tick, 6);
            ask[k] = Math.Round(askTicks * tick, 6);
            bidSize[k] = 100 * (1 + rng.NextInt(50));
            askSize[k] = 100 * (1 + rng.NextInt(50));

            var side = rng.NextDouble();
            price[k] = side < 0.45 ? bid[k] : side < 0.9 ? ask[k] : Math.Round((bidTicks + askTicks) / 2.0 * tick, 6);
            size[k] = 100 * (1 + (int)Math.Floor(-Math.Log(1.0 - rng.NextDouble()) * 3.0));
            exchange[k] = Venues[rng.NextInt(Venues.Length)];
        }

        var trades = new TradeTape(symbol, timestamps, price, size, exchange, condition, suspicious);
        var quotes = new QuoteTape(symbol, (long[])timestamps.Clone(), bid, ask, bidSize, askSize);
        return new SyntheticSession(trades, quotes);
    }
}
