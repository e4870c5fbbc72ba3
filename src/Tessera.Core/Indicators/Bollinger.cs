using Tessera.Core.Data;
using Tessera.Core.Indicators.Kernels;

namespace Tessera.Core.Indicators;

/// <summary>
/// Bollinger bands (n = 20, k = 2) with the population standard deviation: middle = mean of the last n
/// closes, upper/lower = middle +/- k * sd, %B = (c - lower)/(upper - lower). Mean and deviation are
/// computed by two exact passes over the window (no sum-of-squares cancellation). When the window is
/// flat (sd = 0) the bands collapse and %B is defined as 0.5. First value at index n-1.
/// </summary>
public sealed class Bollinger : IIndicator
{
    private static readonly string[] OutputNames = ["middle", "upper", "lower", "percent_b"];

    private readonly RingBuffer _window;

    public Bollinger(int period = 20, double width = 2.0)
    {
        Period = IndicatorGuard.Period(period, 1);
        IndicatorGuard.Positive(width, "width");
        Width = width;
        _window = new RingBuffer(period);
    }

    public int Period { get; }

    /// <summary>Band width in standard deviations (k).</summary>
    public double Width { get; }

    public int FirstValidIndex => Period - 1;

    public bool IsReady => _window.IsFull;

    public double Middle { get; private set; } = double.NaN;

    public double Upper { get; private set; } = double.NaN;

    public double Lower { get; private set; } = double.NaN;

    public double PercentB { get; private set; } = double.NaN;

    /// <summary>Returns %B.</summary>
    public double Update(double close)
    {
        IndicatorGuard.Finite(close, "close");
        _window.Push(close);
        if (!_window.IsFull)
        {
            return PercentB;
        }

        var (mean, variance) = _window.MeanAndPopulationVariance();
        var sd = Math.Sqrt(variance);
        Middle = mean;
        Upper = mean + (Width * sd);
        Lower = mean - (Width * sd);
        var span = Upper - Lower;
        PercentB = span > 0 ? (close - Lower) / span : 0.5;
        return PercentB;
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.Close);

    public double Output(int index) => index switch
    {
        0 => Middle,
        1 => Upper,
        2 => Lower,
        3 => PercentB,
        _ => throw IndicatorGuard.BadOutput(index, 4),
    };

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 4);
        Compute(bars.Close, outputs[0], outputs[1], outputs[2], outputs[3], Period, Width);
    }

    public static void Compute(ReadOnlySpan<double> close, Span<double> middle, Span<double> upper, Span<double> lower, Span<double> percentB, int period = 20, double width = 2.0)
    {
        IndicatorGuard.SameLength(close.Length, middle.Length, "middle");
        IndicatorGuard.SameLength(close.Length, upper.Length, "upper");
        IndicatorGuard.SameLength(close.Length, lower.Length, "lower");
        IndicatorGuard.SameLength(close.Length, percentB.Length, "percentB");
        IndicatorGuard.Period(period, 1);
        IndicatorGuard.Positive(width, "width");
        ColumnChecks.Finite(close, "close");
        BollingerKernel.Compute(close, middle, upper, lower, percentB, period, width);
    }
}
