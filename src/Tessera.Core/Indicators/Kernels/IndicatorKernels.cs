using System.Runtime.CompilerServices;

namespace Tessera.Core.Indicators.Kernels;

/// <summary>
/// Unchecked batch kernels over spans: one tight loop per indicator with its state in registers. Callers have checked
/// lengths, periods and input values (<see cref="ColumnChecks"/>). Each performs the streaming class's arithmetic in the
/// same order, so outputs are bit-identical to feeding the bars one at a time (NaN during warm-up). The loops are
/// compiled fully optimised on first call (AggressiveOptimization): a batch runs each kernel a few hundred times in a
/// burst, which tiered compilation would otherwise spend in its unoptimised first tier.
/// </summary>
internal static class IndicatorKernels
{
    /// <summary>True range with a previous close (<see cref="TrueRange.Of"/>'s expression).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TrueRangeWithPrevious(double high, double low, double previousClose)
    {
        var range = high - low;
        var up = Math.Abs(high - previousClose);
        var down = Math.Abs(low - previousClose);
        return Math.Max(range, Math.Max(up, down));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    // Gains and losses as Math.Max(change, 0) and Math.Max(-change, 0): branch-free, and equal to the streaming form's
    // "change > 0 ? change : 0" (Math.Max is IEEE maximum, so a -0 change gives +0 as there).
    public static double RsiOf(double gain, double loss) => loss == 0 ? 100.0 : 100.0 - (100.0 / (1.0 + (gain / loss)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rsi(ReadOnlySpan<double> close, Span<double> output, int period)
    {
        if (close.Length == 0)
        {
            return;
        }

        var rsi = new RsiStep(period);
        var previous = close[0];
        output[0] = double.NaN;
        for (var i = 1; i < close.Length; i++)
        {
            var c = close[i];
            output[i] = rsi.Next(c - previous);
            previous = c;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Atr(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, int period, FirstBarConvention convention)
    {
        if (close.Length == 0)
        {
            return;
        }

        var rma = new RmaStep(period);
        output[0] = convention == FirstBarConvention.TaLibTtr ? double.NaN : rma.Next(high[0] - low[0]);
        var previousClose = close[0];
        for (var i = 1; i < close.Length; i++)
        {
            output[i] = rma.Next(TrueRangeWithPrevious(high[i], low[i], previousClose));
            previousClose = close[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adx(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> adx, Span<double> plusDi, Span<double> minusDi, int period, FirstBarConvention convention)
    {
        if (close.Length == 0)
        {
            return;
        }

        var state = new AdxStep(period, convention);
        adx[0] = double.NaN;
        plusDi[0] = double.NaN;
        minusDi[0] = double.NaN;
        for (var i = 1; i < close.Length; i++)
        {
            state.Next(high[i], low[i], TrueRangeWithPrevious(high[i], low[i], close[i - 1]), high[i - 1], low[i - 1]);
            adx[i] = state.Adx;
            plusDi[i] = state.PlusDi;
            minusDi[i] = state.MinusDi;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Ema(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        var ema = new EmaStep(period);
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = ema.Next(input[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Macd(ReadOnlySpan<double> close, Span<double> macd, Span<double> signal, Span<double> histogram, int fast, int slow, int signalPeriod)
    {
        var state = new MacdStep(fast, slow, signalPeriod);
        for (var i = 0; i < close.Length; i++)
        {
            state.Next(close[i]);
            macd[i] = state.Macd;
            signal[i] = state.Signal;
            histogram[i] = state.Histogram;
        }
    }

    /// <summary>
    /// SMA over a window of the input itself, with <see cref="RollingSum"/>'s schedule: Neumaier add of the new value and
    /// subtract of the evicted one, and every <paramref name="period"/>-th push an exact compensated re-sum of the
    /// window, oldest first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sma(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        var sum = default(NeumaierSum);
        var sinceResync = 0;
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = SmaNext(input, i, period, ref sum, ref sinceResync);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SmaNext(ReadOnlySpan<double> input, int i, int period, ref NeumaierSum sum, ref int sinceResync)
    {
        if (++sinceResync == period)
        {
            sinceResync = 0;
            sum.Reset();
            for (var k = i - period + 1; k <= i; k++)
            {
                sum.Add(input[k]);
            }
        }
        else
        {
            if (i >= period)
            {
                sum.Add(-input[i - period]);
            }

            sum.Add(input[i]);
        }

        return i >= period - 1 ? sum.Sum / period : double.NaN;
    }
}

/// <summary>Wilder's directional movement from bar 1 on (<see cref="Indicators.Adx.Update(double, double, double)"/>'s arithmetic).</summary>
internal struct AdxStep
{
    private readonly bool _wilderSums;
    private RmaStep _tr;
    private RmaStep _plusDm;
    private RmaStep _minusDm;
    private WilderSumStep _trSum;
    private WilderSumStep _plusDmSum;
    private WilderSumStep _minusDmSum;
    private RmaStep _adx;

    public AdxStep(int period, FirstBarConvention convention)
    {
        _wilderSums = convention == FirstBarConvention.TaLibTtr;
        _tr = new RmaStep(period);
        _plusDm = new RmaStep(period);
        _minusDm = new RmaStep(period);
        _trSum = new WilderSumStep(period);
        _plusDmSum = new WilderSumStep(period);
        _minusDmSum = new WilderSumStep(period);
        _adx = new RmaStep(period);
        PlusDi = double.NaN;
        MinusDi = double.NaN;
    }

    public double PlusDi;

    public double MinusDi;

    public readonly double Adx => _adx.Value;

    /// <summary>One bar after the first: its high and low, its true range, and the previous bar's high and low.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Next(double high, double low, double trueRange, double previousHigh, double previousLow)
    {
        var up = high - previousHigh;
        var down = previousLow - low;
        var plusDm = up > down && up > 0 ? up : 0.0;
        var minusDm = down > up && down > 0 ? down : 0.0;
        double trS, plusS, minusS;
        if (!_wilderSums)
        {
            trS = _tr.Next(trueRange);
            plusS = _plusDm.Next(plusDm);
            minusS = _minusDm.Next(minusDm);
            if (!_tr.IsReady)
            {
                return;
            }
        }
        else
        {
            _trSum.Next(trueRange);
            _plusDmSum.Next(plusDm);
            _minusDmSum.Next(minusDm);
            if (!_trSum.IsReady)
            {
                return;
            }

            (trS, plusS, minusS) = (_trSum.Value, _plusDmSum.Value, _minusDmSum.Value);
        }

        PlusDi = trS > 0 ? 100.0 * plusS / trS : 0.0;
        MinusDi = trS > 0 ? 100.0 * minusS / trS : 0.0;
        var sum = PlusDi + MinusDi;
        _adx.Next(sum > 0 ? 100.0 * Math.Abs(PlusDi - MinusDi) / sum : 0.0);
    }
}

/// <summary>MACD's three EMAs (<see cref="Indicators.Macd.Update(double)"/>'s arithmetic).</summary>
internal struct MacdStep
{
    private EmaStep _fast;
    private EmaStep _slow;
    private EmaStep _signal;

    public MacdStep(int fast, int slow, int signal)
    {
        _fast = new EmaStep(fast);
        _slow = new EmaStep(slow);
        _signal = new EmaStep(signal);
        Macd = double.NaN;
        Histogram = double.NaN;
    }

    public double Macd;

    public double Histogram;

    public readonly double Signal => _signal.Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Next(double close)
    {
        var f = _fast.Next(close);
        var s = _slow.Next(close);
        if (!_slow.IsReady)
        {
            return;
        }

        Macd = f - s;
        var g = _signal.Next(Macd);
        if (_signal.IsReady)
        {
            Histogram = Macd - g;
        }
    }
}
