using System.Runtime.CompilerServices;

namespace Tessera.Core.Indicators.Kernels;

/// <summary>
/// The three columns Connors RSI-2 reads, in one pass: RSI(rsiPeriod) of the close, the SMA(trendPeriod) of the close
/// (compensated running sum, <see cref="IndicatorKernels.SmaNext"/>) and ATR(atrPeriod) with the TradingView first bar.
/// Each is <see cref="IndicatorKernels.Rsi"/>'s, <see cref="IndicatorKernels.Sma"/>'s and
/// <see cref="IndicatorKernels.Atr"/>'s arithmetic in the same order (bit-identical to the streaming
/// <see cref="Indicators.Rsi"/>, <see cref="Indicators.Sma"/>, <see cref="Indicators.Atr"/>); in one loop their dependency
/// chains (two divisions for the RSI averages, one for ATR, the running sum's adds) overlap instead of running one
/// after another. Unchecked like the other kernels: the caller has validated the bars.
/// </summary>
internal static class Rsi2Kernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> rsiOut, Span<double> smaOut, Span<double> atrOut, int rsiPeriod, int trendPeriod, int atrPeriod)
    {
        var n = close.Length;
        if (n == 0)
        {
            return;
        }

        _ = high[n - 1];
        _ = low[n - 1];
        _ = rsiOut[n - 1];
        _ = smaOut[n - 1];
        _ = atrOut[n - 1];
        var rsi = new RsiStep(rsiPeriod);
        var atr = new RmaStep(atrPeriod);
        var smaSum = default(NeumaierSum);
        var sinceResync = 0;

        // Bar 0: no previous close (no change for RSI; ATR's TradingView convention takes high - low as its TR).
        var previousClose = close[0];
        rsiOut[0] = double.NaN;
        atrOut[0] = atr.Next(high[0] - low[0]);
        smaOut[0] = IndicatorKernels.SmaNext(close, 0, trendPeriod, ref smaSum, ref sinceResync);
        for (var i = 1; i < n; i++)
        {
            var c = close[i];
            rsiOut[i] = rsi.Next(c - previousClose);
            atrOut[i] = atr.Next(IndicatorKernels.TrueRangeWithPrevious(high[i], low[i], previousClose));
            smaOut[i] = IndicatorKernels.SmaNext(close, i, trendPeriod, ref smaSum, ref sinceResync);
            previousClose = c;
        }
    }
}
