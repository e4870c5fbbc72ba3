using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Core.Indicators.Kernels;

/// <summary>
/// Bollinger bands over a whole column (<see cref="Bollinger.Update(double)"/>'s arithmetic): for each bar the window's
/// mean by a plain sum oldest first, then the sum of squared deviations oldest first (two exact passes, as
/// <see cref="RingBuffer.MeanAndPopulationVariance"/>). The window is a slice of the input, so no ring buffer is needed,
/// and eight consecutive bars are computed side by side in the lanes of two Vector256 (each lane sums its own window
/// in the streaming order with separate multiply and add, never a fused multiply-add): bit-identical to the streaming
/// form, with eight independent add chains in flight instead of one.
/// </summary>
internal static class BollingerKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(ReadOnlySpan<double> close, Span<double> middle, Span<double> upper, Span<double> lower, Span<double> percentB, int period, double width)
    {
        var n = close.Length;
        var first = Math.Min(period - 1, n);
        middle[..first].Fill(double.NaN);
        upper[..first].Fill(double.NaN);
        lower[..first].Fill(double.NaN);
        percentB[..first].Fill(double.NaN);
        var i = first;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var x = ref MemoryMarshal.GetReference(close);
            var count = Vector256.Create((double)period);
            var k = Vector256.Create(width);
            var half = Vector256.Create(0.5);
            for (; i + 8 <= n; i += 8)
            {
                // Lanes: bars i..i+3 and i+4..i+7; each window starts period-1 bars before its bar.
                var start = (nuint)(i - period + 1);
                var s0 = Vector256<double>.Zero;
                var s1 = Vector256<double>.Zero;
                for (nuint j = 0; j < (nuint)period; j++)
                {
                    s0 += Vector256.LoadUnsafe(ref x, start + j);
                    s1 += Vector256.LoadUnsafe(ref x, start + j + 4);
                }

                var m0 = s0 / count;
                var m1 = s1 / count;
                var q0 = Vector256<double>.Zero;
                var q1 = Vector256<double>.Zero;
                for (nuint j = 0; j < (nuint)period; j++)
                {
                    var d0 = Vector256.LoadUnsafe(ref x, start + j) - m0;
                    var d1 = Vector256.LoadUnsafe(ref x, start + j + 4) - m1;
                    q0 += d0 * d0;
                    q1 += d1 * d1;
                }

                Store(m0, q0, Vector256.LoadUnsafe(ref x, (nuint)i), count, k, half, middle, upper, lower, percentB, i);
                Store(m1, q1, Vector256.LoadUnsafe(ref x, (nuint)i + 4), count, k, half, middle, upper, lower, percentB, i + 4);
            }
        }

        for (; i < n; i++)
        {
            var window = close.Slice(i - period + 1, period);
            var sum = 0.0;
            foreach (var v in window)
            {
                sum += v;
            }

            var mean = sum / period;
            var ss = 0.0;
            foreach (var v in window)
            {
                var d = v - mean;
                ss += d * d;
            }

            var sd = Math.Sqrt(ss / period);
            var up = mean + (width * sd);
            var low = mean - (width * sd);
            var span = up - low;
            middle[i] = mean;
            upper[i] = up;
            lower[i] = low;
            percentB[i] = span > 0 ? (close[i] - low) / span : 0.5;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<double> mean, Vector256<double> ss, Vector256<double> c, Vector256<double> count, Vector256<double> k, Vector256<double> half, Span<double> middle, Span<double> upper, Span<double> lower, Span<double> percentB, int i)
    {
        var sd = Vector256.Sqrt(ss / count);
        var up = mean + (k * sd);
        var low = mean - (k * sd);
        var span = up - low;
        var b = Vector256.ConditionalSelect(Vector256.GreaterThan(span, Vector256<double>.Zero), (c - low) / span, half);
        mean.StoreUnsafe(ref MemoryMarshal.GetReference(middle), (nuint)i);
        up.StoreUnsafe(ref MemoryMarshal.GetReference(upper), (nuint)i);
        low.StoreUnsafe(ref MemoryMarshal.GetReference(lower), (nuint)i);
        b.StoreUnsafe(ref MemoryMarshal.GetReference(percentB), (nuint)i);
    }
}
