using System.Runtime.CompilerServices;

namespace Tessera.Core.Indicators.Kernels;

/// <summary>
/// Donchian channel columns as <see cref="Donchian.Update"/> reports them: at bar i (from i = period on) the highest
/// high and the lowest low of the previous <c>period</c> bars, i - period .. i - 1 (the bar itself enters afterwards);
/// NaN before. A monotonic deque of indices in a caller-provided scratch span (no allocation); maxima and minima are
/// exact, so the columns equal the streaming form's. Unchecked like the other kernels.
/// </summary>
internal static class DonchianKernel
{
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, Span<double> upper, Span<double> lower, int period, Span<int> scratch)
    {
        Extreme(high, upper, period, scratch, isMax: true);
        Extreme(low, lower, period, scratch, isMax: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Extreme(ReadOnlySpan<double> x, Span<double> output, int period, Span<int> deque, bool isMax)
    {
        var head = 0;
        var tail = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (i >= period)
            {
                while (deque[head] < i - period)
                {
                    head++;
                }

                output[i] = x[deque[head]];
            }
            else
            {
                output[i] = double.NaN;
            }

            var v = x[i];
            while (tail > head && (isMax ? x[deque[tail - 1]] <= v : x[deque[tail - 1]] >= v))
            {
                tail--;
            }

            deque[tail++] = i;
        }
    }
}
