using Tessera.Core.Backtest;
using Tessera.Core.Data;
using Tessera.Core.Determinism;
using Tessera.Core.Signals;

namespace Tessera.Core.Tests.Backtest;

/// <summary>Hand-built bars and signals for engine scenarios. Bar i is stamped at 2020-01-01 + i days (UTC).</summary>
internal static class ScenarioBars
{
    public static readonly long Day0 = BarSeries.ToUnixMs(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    public static long Ts(int bar) => Day0 + (bar * 86_400_000L);

    /// <summary>Bars from (open, high, low, close) tuples.</summary>
    public static BarSeries Series(string symbol, params (double O, double H, double L, double C)[] bars)
    {
        var n = bars.Length;
        var ts = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        for (var i = 0; i < n; i++)
        {
            ts[i] = Ts(i);
            (o[i], h[i], l[i], c[i]) = bars[i];
            v[i] = 1_000_000;
        }

        return new BarSeries(symbol, ts, o, h, l, c, v);
    }

    /// <summary>Flat bars at one price (open = high = low = close).</summary>
    public static BarSeries Flat(string symbol, int n, double price)
    {
        var bars = new (double, double, double, double)[n];
        Array.Fill(bars, (price, price, price, price));
        return Series(symbol, bars);
    }

    public static Signal Long(string symbol, int bar, string reason = "entry") => new(Ts(bar), symbol, Side.Long, 1, "test", "h", reason);

    public static Signal Short(string symbol, int bar, string reason = "entry") => new(Ts(bar), symbol, Side.Short, -1, "test", "h", reason);

    public static Signal Exit(string symbol, int bar, string reason = "exit:signal") => new(Ts(bar), symbol, Side.Flat, 0, "test", "h", reason);

    /// <summary>Random-walk OHLC bars (seeded), with gaps between close and the next open.</summary>
    public static BarSeries RandomWalk(string symbol, int n, ulong seed, double vol = 0.02, int missingEvery = 0)
    {
        var rng = new DeterministicRandom(seed);
        var ts = new List<long>();
        List<double> o = [], h = [], l = [], c = [], v = [];
        var price = 50 + (rng.NextDouble() * 100);
        for (var i = 0; i < n; i++)
        {
            var open = price * (1 + (rng.NextNormal() * vol * 0.3));
            var close = open * (1 + (rng.NextNormal() * vol));
            var high = Math.Max(open, close) * (1 + (rng.NextDouble() * vol));
            var low = Math.Min(open, close) * (1 - (rng.NextDouble() * vol));
            price = close;
            if (missingEvery > 0 && i % missingEvery == missingEvery - 1)
            {
                continue;
            }

            ts.Add(Ts(i));
            o.Add(open);
            h.Add(high);
            l.Add(low);
            c.Add(close);
            v.Add(100_000 + (rng.NextDouble() * 1_000_000));
        }

        return new BarSeries(symbol, [.. ts], [.. o], [.. h], [.. l], [.. c], [.. v]);
    }

    /// <summary>Random long/short/flat signals on the symbol's own bars (seeded).</summary>
    public static List<Signal> RandomSignals(MarketData data, ulong seed, double probability = 0.08, bool shorts = true)
    {
        var rng = new DeterministicRandom(seed);
        var list = new List<Signal>();
        for (var t = 0; t < data.BarCount; t++)
        {
            for (var s = 0; s < data.SymbolCount; s++)
            {
                if (!data.HasBar(s, t) || rng.NextDouble() >= probability)
                {
                    continue;
                }

                var u = rng.NextDouble();
                var side = u < 0.4 ? Side.Long : u < 0.7 && shorts ? Side.Short : Side.Flat;
                var signal = new Signal(data.Calendar[t], data.Symbols[s], side, side == Side.Short ? -1 : 1, "random", "h", side == Side.Flat ? "exit:random" : "entry");

                // Every other entry carries a protective stop 2.5% beyond the signal close (like the strategies' ATR stops).
                if (side != Side.Flat && rng.NextDouble() < 0.5)
                {
                    signal = signal with { StopPrice = data.Close[s][t] * (side == Side.Long ? 0.975 : 1.025) };
                }

                list.Add(signal);
            }
        }

        return list;
    }
}
