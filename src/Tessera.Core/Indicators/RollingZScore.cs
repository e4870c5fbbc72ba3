using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>
/// Rolling z-score (x_t - mean)/sd over the last n values including x_t, population sd by two exact
/// passes; 0 when the window is flat. First value at index n-1.
/// </summary>
public sealed class RollingZScore : IIndicator
{
    private static readonly string[] OutputNames = ["zscore"];

    private readonly RingBuffer _window;

    public RollingZScore(int period = 20)
    {
        Period = IndicatorGuard.Period(period, 2);
        _window = new RingBuffer(period);
    }

    public int Period { get; }

    public int FirstValidIndex => Period - 1;

    public bool IsReady => _window.IsFull;

    public double Value { get; private set; } = double.NaN;

    public double Update(double value)
    {
        IndicatorGuard.Finite(value, "value");
        _window.Push(value);
        if (_window.IsFull)
        {
            var (mean, variance) = _window.MeanAndPopulationVariance();
            var sd = Math.Sqrt(variance);
            Value = sd > 0 ? (value - mean) / sd : 0.0;
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

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period = 20)
    {
        IndicatorGuard.SameLength(input.Length, output.Length, "output");
        var z = new RollingZScore(period);
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = z.Update(input[i]);
        }
    }
}
