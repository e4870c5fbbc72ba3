using Tessera.Core.Sep;
using Xunit;

namespace Tessera.Core.Tests.Sep;

/// <summary>The SEP metrics (Tessera's definitions, docs/SEP.md) on hand-worked candles.</summary>
public sealed class SepMetricsCalculatorTests
{
    [Fact]
    public void Each_candle_becomes_a_three_bit_symbol_of_direction_range_and_volume_against_the_previous_candle()
    {
        double[] close = [10, 11, 10.5, 10.5];
        double[] high = [10.5, 12, 11, 11];
        double[] low = [9.5, 10, 10, 10];      // ranges 1, 2, 1, 1
        double[] volume = [100, 200, 150, 150];
        Assert.Equal(7, SepBitstream.Symbol(high, low, close, volume, 1)); // up, wider, more volume
        Assert.Equal(0, SepBitstream.Symbol(high, low, close, volume, 2)); // down, narrower, less volume
        Assert.Equal(0, SepBitstream.Symbol(high, low, close, volume, 3)); // all equal: no bit set
    }

    [Fact]
    public void A_window_that_always_moves_the_same_way_with_the_same_structure_is_fully_coherent_stable_and_ordered()
    {
        var (h, l, c, v) = Candles([10, 11, 12, 13, 14], [1, 2, 3, 4, 5], [100, 200, 300, 400, 500]);
        var m = SepMetricsCalculator.At(h, l, c, v, end: 4, look: 4)!.Value;
        Assert.Equal(new SepMetrics(1, 1, 0, 0), m);
        Assert.Equal(1.0, m.Score(SepWeights.Default), 12);
    }

    [Fact]
    public void A_window_that_flips_direction_mid_way_has_zero_coherence_full_rupture_and_one_bit_of_entropy()
    {
        // Symbols 7, 7, 0, 0: d = +1, +1, −1, −1.
        var (h, l, c, v) = Candles([10, 11, 12, 11, 10], [1, 2, 3, 2, 1], [100, 200, 300, 200, 100]);
        var m = SepMetricsCalculator.At(h, l, c, v, end: 4, look: 4)!.Value;
        Assert.Equal(0, m.Coherence, 12);
        Assert.Equal(6.0 / 9.0, m.Stability, 12);   // pairs (7,7): 3 equal bits, (7,0): 0, (0,0): 3 → 6 of 9
        Assert.Equal(1, m.Rupture, 12);             // halves' mean direction +1 then −1: |−1 − 1| / 2
        Assert.Equal(1.0 / 3.0, m.Entropy, 12);     // two symbols at 1/2 each: 1 bit of log2 8 = 3
        Assert.Equal((0.2 * 6.0 / 9.0) + (0.05 * 2.0 / 3.0), m.Score(SepWeights.Default), 12);
    }

    [Fact]
    public void With_an_odd_window_the_middle_symbol_belongs_to_neither_half()
    {
        // Symbols 7, 0, 7, 0, 7: alternating.
        var (h, l, c, v) = Candles([10, 11, 10, 11, 10, 11], [1, 2, 1, 2, 1, 2], [100, 200, 100, 200, 100, 200]);
        var m = SepMetricsCalculator.At(h, l, c, v, end: 5, look: 5)!.Value;
        Assert.Equal(0.2, m.Coherence, 12);
        Assert.Equal(0, m.Stability, 12);
        Assert.Equal(0, m.Rupture, 12);             // first half (7,0) and last half (0,7) both balance
        var entropy = -((0.6 * Math.Log2(0.6)) + (0.4 * Math.Log2(0.4)));
        Assert.Equal(entropy / 3, m.Entropy, 12);
    }

    [Fact]
    public void An_incomplete_window_or_a_NaN_gives_no_metrics_and_a_tiny_window_is_refused()
    {
        var (h, l, c, v) = Candles([10, 11, 12, 13, 14], [1, 2, 3, 4, 5], [100, 200, 300, 400, 500]);
        Assert.Null(SepMetricsCalculator.At(h, l, c, v, end: 3, look: 4)); // needs look + 1 candles
        v[2] = double.NaN;
        Assert.Null(SepMetricsCalculator.At(h, l, c, v, end: 4, look: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => SepMetricsCalculator.At(h, l, c, v, end: 4, look: 3));
    }

    internal static (double[] High, double[] Low, double[] Close, double[] Volume) Candles(double[] close, double[] range, double[] volume)
    {
        var high = new double[close.Length];
        var low = new double[close.Length];
        for (var i = 0; i < close.Length; i++)
        {
            high[i] = close[i] + (range[i] / 2);
            low[i] = close[i] - (range[i] / 2);
        }

        return (high, low, close, volume);
    }
}
