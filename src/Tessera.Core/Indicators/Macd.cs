using Tessera.Core.Data;
using Tessera.Core.Indicators.Kernels;
using Tessera.Core.Errors;

namespace Tessera.Core.Indicators;

/// <summary>
/// MACD(fast, slow, signal) = EMA(fast) - EMA(slow) (both seeded with their SMA), signal = EMA(MACD, signal)
/// seeded with the SMA of the first <c>signal</c> MACD values, histogram = MACD - signal.
/// MACD first at index slow-1, signal and histogram first at slow+signal-2 (33 for 12/26/9).
/// </summary>
public sealed class Macd : IIndicator
{
    private static readonly string[] OutputNames = ["macd", "signal", "histogram"];

    private readonly Ema _fast;
    private readonly Ema _slow;
    private readonly Ema _signal;

    public Macd(int fast = 12, int slow = 26, int signal = 9)
    {
        IndicatorGuard.Period(fast, 1, "fast");
        IndicatorGuard.Period(slow, 2, "slow");
        IndicatorGuard.Period(signal, 1, "signal");
        if (fast >= slow)
        {
            throw new TesseraValidationException("fast", fast.ToString(System.Globalization.CultureInfo.InvariantCulture), "fast period must be < slow period " + slow.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _fast = new Ema(fast);
        _slow = new Ema(slow);
        _signal = new Ema(signal);
    }

    public int FastPeriod => _fast.Period;

    public int SlowPeriod => _slow.Period;

    public int SignalPeriod => _signal.Period;

    public int FirstMacdIndex => _slow.Period - 1;

    public int FirstValidIndex => _slow.Period + _signal.Period - 2;

    public bool IsReady => _signal.IsReady;

    public double Value { get; private set; } = double.NaN;

    public double Signal => _signal.Value;

    public double Histogram { get; private set; } = double.NaN;

    public double Update(double close)
    {
        IndicatorGuard.Finite(close, "close");
        _fast.Update(close);
        _slow.Update(close);
        if (!_slow.IsReady)
        {
            return Value;
        }

        Value = _fast.Value - _slow.Value;
        _signal.Update(Value);
        if (_signal.IsReady)
        {
            Histogram = Value - _signal.Value;
        }

        return Value;
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.Close);

    public double Output(int index) => index switch
    {
        0 => Value,
        1 => Signal,
        2 => Histogram,
        _ => throw IndicatorGuard.BadOutput(index, 3),
    };

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 3);
        Compute(bars.Close, outputs[0], outputs[1], outputs[2], FastPeriod, SlowPeriod, SignalPeriod);
    }

    public static void Compute(ReadOnlySpan<double> close, Span<double> macd, Span<double> signal, Span<double> histogram, int fast = 12, int slow = 26, int signalPeriod = 9)
    {
        IndicatorGuard.SameLength(close.Length, macd.Length, "macd");
        IndicatorGuard.SameLength(close.Length, signal.Length, "signal");
        IndicatorGuard.SameLength(close.Length, histogram.Length, "histogram");
        _ = new Macd(fast, slow, signalPeriod); // validates the periods (and their order) exactly as the streaming form
        ColumnChecks.Finite(close, "close");
        IndicatorKernels.Macd(close, macd, signal, histogram, fast, slow, signalPeriod);
    }
}
