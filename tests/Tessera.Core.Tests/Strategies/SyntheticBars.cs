using Tessera.Core.Data;
using Tessera.Core.Determinism;

namespace Tessera.Core.Tests.Strategies;

/// <summary>Deterministic test series: a random walk with regime-switching drift so every strategy fires.</summary>
internal static class SyntheticBars
{
    public const long Day = 86_400_000L;

    public static BarSeries RandomWalk(string symbol, int count, ulong seed, int startDay = 0)
    {
        var rng = new DeterministicRandom(seed);
        var ts = new long[count];
        var o = new double[count];
        var h = new double[count];
        var l = new double[count];
        var c = new double[count];
        var v = new double[count];
        var price = 50 + (50 * rng.NextDouble());
        var drift = 0.0;
        for (var i = 0; i < count; i++)
        {
            if (i % 120 == 0)
            {
                drift = 0.004 * (rng.NextDouble() - 0.5);
            }

            ts[i] = (startDay + i) * Day;
            o[i] = price;
            price *= Math.Exp(drift + (0.02 * rng.NextNormal()));
            c[i] = price;
            h[i] = Math.Max(o[i], c[i]) * (1 + (0.01 * rng.NextDouble()));
            l[i] = Math.Min(o[i], c[i]) * (1 - (0.01 * rng.NextDouble()));
            v[i] = Math.Floor(1e5 + (1e5 * rng.NextDouble()));
        }

        return new BarSeries(symbol, ts, o, h, l, c, v);
    }

    public static List<BarSeries> Universe(int names, int count, ulong seed)
    {
        var list = new List<BarSeries>();
        for (var k = 0; k < names; k++)
        {
            // One name starts later to exercise a ragged calendar.
            var start = k == names - 1 ? 30 : 0;
            list.Add(RandomWalk("S" + k.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), count - start, seed + (ulong)k, start));
        }

        return list;
    }

    /// <summary>Same bars up to and including time <paramref name="cutoff"/>, different random bars after it.</summary>
    public static BarSeries MutateAfter(BarSeries s, long cutoff, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var o = (double[])s.Open.Clone();
        var h = (double[])s.High.Clone();
        var l = (double[])s.Low.Clone();
        var c = (double[])s.Close.Clone();
        var v = (double[])s.Volume.Clone();
        for (var i = 0; i < s.Count; i++)
        {
            if (s.Timestamps[i] <= cutoff)
            {
                continue;
            }

            var a = c[i - 1] * Math.Exp(0.08 * rng.NextNormal());
            var b = a * Math.Exp(0.08 * rng.NextNormal());
            o[i] = a;
            c[i] = b;
            h[i] = Math.Max(a, b) * (1 + (0.05 * rng.NextDouble()));
            l[i] = Math.Min(a, b) * (1 - (0.05 * rng.NextDouble()));
            v[i] = Math.Floor(1e6 * rng.NextDouble());
        }

        return new BarSeries(s.Symbol, (long[])s.Timestamps.Clone(), o, h, l, c, v);
    }

    /// <summary>Bars from a close path: open = previous close, high/low = max/min(open, close) +/- spread.</summary>
    public static BarSeries FromCloses(string symbol, IReadOnlyList<double> closes, double spread = 0.5, double volume = 1000)
    {
        var n = closes.Count;
        var ts = new long[n];
        var o = new double[n];
        var h = new double[n];
        var l = new double[n];
        var c = new double[n];
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            ts[i] = i * Day;
            c[i] = closes[i];
            o[i] = i == 0 ? closes[0] : closes[i - 1];
            h[i] = Math.Max(o[i], c[i]) + spread;
            l[i] = Math.Min(o[i], c[i]) - spread;
            v[i] = volume;
        }

        return new BarSeries(symbol, ts, o, h, l, c, v);
    }
}
