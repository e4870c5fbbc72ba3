using Tessera.Core.Data;
using Tessera.Core.Indicators.Kernels;

namespace Tessera.Core.Indicators;

/// <summary>
/// Simple moving average of the last <c>n</c> values. First value at index n-1.
/// Running sum with periodic exact re-sum (<see cref="RollingSum"/>).
/// </summary>
public sealed class Sma : IIndicator
{
    private static readonly string[] OutputNames = ["sma"];

    private readonly RollingSum _sum;

    public Sma(int period)
    {
        Period = IndicatorGuard.Period(period, 1);
        _sum = new RollingSum(period);
    }

    public int Period { get; }

    /// <summary>Index of the first bar with a value (bars before it are warm-up).</summary>
    public int FirstValidIndex => Period - 1;

    public bool IsReady => _sum.IsFull;

    public double Value { get; private set; } = double.NaN;

    public double Update(double value)
    {
        IndicatorGuard.Finite(value, "value");
        _sum.Push(value);
        if (_sum.IsFull)
        {
            Value = _sum.Sum / Period;
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

    /// <summary>Batch form: the input checked once, then <see cref="Update"/>'s arithmetic (the compensated running sum
    /// and its re-sum schedule) over the input's own window; bit-identical to the streaming form; NaN during warm-up.</summary>
    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        IndicatorGuard.SameLength(input.Length, output.Length, "output");
        IndicatorGuard.Period(period, 1);
        ColumnChecks.Finite(input, "value");
        IndicatorKernels.Sma(input, output, period);
    }
}
