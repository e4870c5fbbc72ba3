namespace Tessera.Core.Sep;

/// <summary>
/// Computes <see cref="SepMetrics"/> over the sliding window of the last <c>look</c> symbols ending at a bar
/// (it reads look + 1 candles). With d_i = +1 for an up symbol and −1 otherwise, N = look:
/// <list type="bullet">
/// <item>Coherence C = |Σ d_i| / N: 1 when every candle moved the same way, 0 when up and down balance.</item>
/// <item>Stability S = the share of (channel, i) pairs whose bit equals the previous symbol's bit, over the three
/// channels and the N − 1 consecutive pairs: 1 when the structure repeats exactly.</item>
/// <item>Rupture R = |mean(d) of the second half − mean(d) of the first half| / 2: 1 when the direction flips
/// completely mid-window, 0 when both halves agree (for odd N the middle symbol belongs to neither half).</item>
/// <item>Entropy H = Shannon entropy of the 8 symbols' frequencies / log2 8: 0 for one repeated symbol, 1 for a
/// uniform mix.</item>
/// </list>
/// No allocation: one pass over the window with a stack-allocated histogram.
/// </summary>
public static class SepMetricsCalculator
{
    public const int MinimumLook = 4;

    /// <summary>The metrics at bar <paramref name="end"/>, or null when the window is incomplete or holds a NaN.</summary>
    public static SepMetrics? At(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, int end, int look)
    {
        if (look < MinimumLook)
        {
            throw new ArgumentOutOfRangeException(nameof(look), look, $"look must be at least {MinimumLook}");
        }

        var first = end - look + 1;
        if (first < 1 || end >= close.Length)
        {
            return null;
        }

        Span<int> histogram = stackalloc int[SepBitstream.SymbolCount];
        histogram.Clear();
        var half = look / 2;
        int net = 0, firstHalf = 0, secondHalf = 0, sameBits = 0, previous = -1;
        for (var i = first; i <= end; i++)
        {
            var s = SepBitstream.Symbol(high, low, close, volume, i);
            if (s < 0)
            {
                return null;
            }

            histogram[s]++;
            var d = (s & SepBitstream.DirectionBit) != 0 ? 1 : -1;
            net += d;
            var k = i - first;
            if (k < half)
            {
                firstHalf += d;
            }
            else if (k >= look - half)
            {
                secondHalf += d;
            }

            if (previous >= 0)
            {
                // Equal bits across the three channels: 3 minus the number of differing bits.
                sameBits += 3 - System.Numerics.BitOperations.PopCount((uint)(s ^ previous));
            }

            previous = s;
        }

        double entropy = 0;
        for (var b = 0; b < SepBitstream.SymbolCount; b++)
        {
            if (histogram[b] > 0)
            {
                var p = (double)histogram[b] / look;
                entropy -= p * Math.Log2(p);
            }
        }

        return new SepMetrics(
            Coherence: Math.Abs(net) / (double)look,
            Stability: sameBits / (3.0 * (look - 1)),
            Rupture: Math.Abs(((double)secondHalf / half) - ((double)firstHalf / half)) / 2,
            Entropy: entropy / 3.0);
    }
}
