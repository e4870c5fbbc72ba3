namespace Tessera.Core.Sep;

/// <summary>
/// The bitstream encoding of candles (the seed's QBSA: "direction / range / volume proxies"): each candle after the
/// first becomes a 3-bit symbol, compared with the candle before it:
/// bit 0 direction (close up: 1), bit 1 range (high − low wider: 1), bit 2 volume (higher: 1). Equal values give 0.
/// </summary>
public static class SepBitstream
{
    public const int DirectionBit = 1;
    public const int RangeBit = 2;
    public const int VolumeBit = 4;
    public const int SymbolCount = 8;

    /// <summary>The symbol of candle <paramref name="i"/> (i ≥ 1), or −1 when either candle has a NaN field.</summary>
    public static int Symbol(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, int i)
    {
        double c = close[i], p = close[i - 1], r = high[i] - low[i], pr = high[i - 1] - low[i - 1], v = volume[i], pv = volume[i - 1];
        if (double.IsNaN(c) || double.IsNaN(p) || double.IsNaN(r) || double.IsNaN(pr) || double.IsNaN(v) || double.IsNaN(pv))
        {
            return -1;
        }

        return (c > p ? DirectionBit : 0) | (r > pr ? RangeBit : 0) | (v > pv ? VolumeBit : 0);
    }
}
