using Tessera.Core.Data;
using Tessera.Core.Indicators;

namespace Tessera.Bench.Peers;

/// <summary>
/// The per-indicator breakdown of the peers-indicators row: for each of the seven, a pass over every symbol through
/// its span batch kernel (e.g. <see cref="Rsi.Compute(ReadOnlySpan{double}, Span{double}, int)"/>) and a pass through a
/// streaming object fed bar by bar (the batch path before the kernels).
/// </summary>
internal static class IndicatorProfile
{
    public static IEnumerable<(string Name, Action Kernel, Action Streaming)> Steps(IReadOnlyList<BarSeries> universe, double[][] cols, double[] scratch)
    {
        yield return ("rsi14", () => Each(universe, (s, o) => Rsi.Compute(s.Close, cols[0].AsSpan(o, s.Count), 14)), () => Stream(universe, cols[0], () => new Rsi(14)));
        yield return ("atr14", () => Each(universe, (s, o) => Atr.Compute(s.High, s.Low, s.Close, cols[1].AsSpan(o, s.Count), 14)), () => Stream(universe, cols[1], () => new Atr(14)));
        yield return ("adx14", () => Each(universe, (s, o) => Adx.Compute(s.High, s.Low, s.Close, cols[2].AsSpan(o, s.Count), cols[3].AsSpan(o, s.Count), cols[4].AsSpan(o, s.Count), 14)), () => Stream(universe, cols[2], () => new Adx(14)));
        yield return ("macd", () => Each(universe, (s, o) => Macd.Compute(s.Close, cols[5].AsSpan(o, s.Count), cols[6].AsSpan(o, s.Count), cols[7].AsSpan(o, s.Count))), () => Stream(universe, cols[5], () => new Macd()));
        yield return ("bollinger", () => Each(universe, (s, o) => Bollinger.Compute(s.Close, cols[8].AsSpan(o, s.Count), cols[9].AsSpan(o, s.Count), cols[10].AsSpan(o, s.Count), scratch.AsSpan(o, s.Count))), () => Stream(universe, scratch, () => new Bollinger()));
        yield return ("sma20", () => Each(universe, (s, o) => Sma.Compute(s.Close, cols[11].AsSpan(o, s.Count), 20)), () => Stream(universe, cols[11], () => new Sma(20)));
        yield return ("ema20", () => Each(universe, (s, o) => Ema.Compute(s.Close, cols[12].AsSpan(o, s.Count), 20)), () => Stream(universe, cols[12], () => new Ema(20)));
    }

    private static void Each(IReadOnlyList<BarSeries> universe, Action<BarSeries, int> compute)
    {
        var offset = 0;
        foreach (var s in universe)
        {
            compute(s, offset);
            offset += s.Count;
        }
    }

    /// <summary>One streaming object per symbol, one Update per bar; output 0 written per bar.</summary>
    private static void Stream(IReadOnlyList<BarSeries> universe, double[] output, Func<IIndicator> create)
    {
        var offset = 0;
        foreach (var s in universe)
        {
            var indicator = create();
            for (var i = 0; i < s.Count; i++)
            {
                indicator.Update(OhlcvBar.At(s, i));
                output[offset + i] = indicator.Output(0);
            }

            offset += s.Count;
        }
    }
}
