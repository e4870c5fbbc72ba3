using Tessera.Core.Data;
using Tessera.Core.Indicators.Kernels;

namespace Tessera.Core.Indicators;

/// <summary>
/// Exponential moving average, alpha = 2/(n+1), seeded with the SMA of the first n values
/// (first value at index n-1), then e_t = e_{t-1} + alpha * (x_t - e_{t-1}).
/// </summary>
public sealed class Ema : IIndicator
{
    private static readonly string[] OutputNames = ["ema"];

    private readonly double _alpha;
    private double _seedSum;
    private int _count;

    public Ema(int period)
    {
        Period = IndicatorGuard.Period(period, 1);
        _alpha = 2.0 / (period + 1);
    }

    public int Period { get; }

    public int FirstValidIndex => Period - 1;

    public bool IsReady => _count >= Period;

    public double Value { get; private set; } = double.NaN;

    public double Update(double value)
    {
        IndicatorGuard.Finite(value, "value");
        if (_count >= Period)
        {
            Value += _alpha * (value - Value);
            return Value;
        }

        _seedSum += value;
        if (++_count == Period)
        {
            Value = _seedSum / Period;
        }

        return Value;
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.Close);

    public double Output(int index) => index == 0 ? Value : throw IndicatorGuard.BadOutput(index, 1);

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 1);
        Compute(bars.Close, outputs[0], Period);
    }

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        IndicatorGuard.SameLength(input.Length, output.Length, "output");
        IndicatorGuard.Period(period, 1);
        ColumnChecks.Finite(input, "value");
        IndicatorKernels.Ema(input, output, period);
    }
}
