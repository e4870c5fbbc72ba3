using System.Runtime.CompilerServices;
using Tessera.Core.Indicators.Kernels;

namespace Tessera.Core.Indicators;

/// <summary>
/// Output columns of <see cref="CoreIndicatorBatch.Compute"/>, each as long as the input series.
/// </summary>
public readonly ref struct CoreIndicatorColumns
{
    public required Span<double> Rsi14 { get; init; }

    public required Span<double> Atr14 { get; init; }

    public required Span<double> Adx14 { get; init; }

    public required Span<double> PlusDi14 { get; init; }

    public required Span<double> MinusDi14 { get; init; }

    public required Span<double> Macd { get; init; }

    public required Span<double> MacdSignal { get; init; }

    public required Span<double> MacdHistogram { get; init; }

    public required Span<double> BollingerMiddle { get; init; }

    public required Span<double> BollingerUpper { get; init; }

    public required Span<double> BollingerLower { get; init; }

    public required Span<double> BollingerPercentB { get; init; }

    public required Span<double> Sma20 { get; init; }

    public required Span<double> Ema20 { get; init; }
}

/// <summary>
/// The seven core indicators (RSI 14, ATR 14, ADX 14, MACD 12/26/9, Bollinger 20/2, SMA 20, EMA 20) over a whole series
/// in one pass: the bars are validated once (finite, high &gt;= low), then one loop carries every recursive state in
/// registers, computing the true range once for ATR and ADX and the close change once for RSI, so the independent
/// dependency chains of the seven overlap; Bollinger's windows, which are not recursive, run in a second vectorised pass
/// (<see cref="BollingerKernel"/>). Every output is bit-identical to the streaming classes fed bar by bar
/// (<see cref="Rsi"/>, <see cref="Atr"/>, <see cref="Adx"/>, <see cref="Indicators.Macd"/>, <see cref="Bollinger"/>,
/// <see cref="Sma"/> with its compensated running sum, <see cref="Ema"/>), which stay the API for live bars.
/// </summary>
public static class CoreIndicatorBatch
{
    /// <summary>Indicators updated per bar (the unit of "indicator updates" in the benchmarks).</summary>
    public const int IndicatorsPerBar = 7;

    private const int Period14 = 14;
    private const int Period20 = 20;

    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, in CoreIndicatorColumns columns, FirstBarConvention convention = FirstBarConvention.TradingView)
    {
        var n = close.Length;
        IndicatorGuard.SameLength(n, high.Length, "high");
        IndicatorGuard.SameLength(n, low.Length, "low");
        IndicatorGuard.SameLength(n, columns.Rsi14.Length, "rsi14");
        IndicatorGuard.SameLength(n, columns.Atr14.Length, "atr14");
        IndicatorGuard.SameLength(n, columns.Adx14.Length, "adx14");
        IndicatorGuard.SameLength(n, columns.PlusDi14.Length, "plusDi14");
        IndicatorGuard.SameLength(n, columns.MinusDi14.Length, "minusDi14");
        IndicatorGuard.SameLength(n, columns.Macd.Length, "macd");
        IndicatorGuard.SameLength(n, columns.MacdSignal.Length, "macdSignal");
        IndicatorGuard.SameLength(n, columns.MacdHistogram.Length, "macdHistogram");
        IndicatorGuard.SameLength(n, columns.BollingerMiddle.Length, "bollingerMiddle");
        IndicatorGuard.SameLength(n, columns.BollingerUpper.Length, "bollingerUpper");
        IndicatorGuard.SameLength(n, columns.BollingerLower.Length, "bollingerLower");
        IndicatorGuard.SameLength(n, columns.BollingerPercentB.Length, "bollingerPercentB");
        IndicatorGuard.SameLength(n, columns.Sma20.Length, "sma20");
        IndicatorGuard.SameLength(n, columns.Ema20.Length, "ema20");
        IndicatorGuard.Defined(convention);
        ColumnChecks.Bars(high, low, close);
        if (n == 0)
        {
            return;
        }

        RecursivePass(high, low, close, columns, convention);
        BollingerKernel.Compute(close, columns.BollingerMiddle, columns.BollingerUpper, columns.BollingerLower, columns.BollingerPercentB, Period20, 2.0);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RecursivePass(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, in CoreIndicatorColumns columns, FirstBarConvention convention)
    {
        var n = close.Length;
        var rsiOut = columns.Rsi14;
        var atrOut = columns.Atr14;
        var adxOut = columns.Adx14;
        var plusOut = columns.PlusDi14;
        var minusOut = columns.MinusDi14;
        var macdOut = columns.Macd;
        var signalOut = columns.MacdSignal;
        var histOut = columns.MacdHistogram;
        var smaOut = columns.Sma20;
        var emaOut = columns.Ema20;

        var rsi = new RsiStep(Period14);
        var atr = new RmaStep(Period14);
        var adx = new AdxStep(Period14, convention);
        var macd = new MacdStep(12, 26, 9);
        var ema = new EmaStep(Period20);
        var smaSum = default(NeumaierSum);
        var sinceResync = 0;

        // Bar 0: no previous close (no change for RSI, no directional movement; ATR's convention decides its TR).
        var previousHigh = high[0];
        var previousLow = low[0];
        var previousClose = close[0];
        rsiOut[0] = double.NaN;
        atrOut[0] = convention == FirstBarConvention.TaLibTtr ? double.NaN : atr.Next(previousHigh - previousLow);
        adxOut[0] = double.NaN;
        plusOut[0] = double.NaN;
        minusOut[0] = double.NaN;
        macd.Next(previousClose);
        macdOut[0] = macd.Macd;
        signalOut[0] = macd.Signal;
        histOut[0] = macd.Histogram;
        emaOut[0] = ema.Next(previousClose);
        smaOut[0] = IndicatorKernels.SmaNext(close, 0, Period20, ref smaSum, ref sinceResync);

        for (var i = 1; i < n; i++)
        {
            var h = high[i];
            var l = low[i];
            var c = close[i];

            rsiOut[i] = rsi.Next(c - previousClose);

            var tr = IndicatorKernels.TrueRangeWithPrevious(h, l, previousClose);
            atrOut[i] = atr.Next(tr);
            adx.Next(h, l, tr, previousHigh, previousLow);
            adxOut[i] = adx.Adx;
            plusOut[i] = adx.PlusDi;
            minusOut[i] = adx.MinusDi;

            macd.Next(c);
            macdOut[i] = macd.Macd;
            signalOut[i] = macd.Signal;
            histOut[i] = macd.Histogram;

            emaOut[i] = ema.Next(c);
            smaOut[i] = IndicatorKernels.SmaNext(close, i, Period20, ref smaSum, ref sinceResync);

            previousHigh = h;
            previousLow = l;
            previousClose = c;
        }
    }
}
