using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>
/// Downside deviation of simple close-to-close returns against a 0 target over the last n returns:
/// sqrt(mean(min(r, 0)^2)), not annualised. The quality proxy is its inverse. Closes must be > 0.
/// First value at index n (n returns need n+1 closes).
/// </summary>
public sealed class DownsideDeviation : IIndicator
{
    private static readonly string[] OutputNames = ["downside_deviation"];

    private readonly RollingSum _squares;
    private double _previous = double.NaN;

    public DownsideDeviation(int period = 252)
    {
        Period = IndicatorGuard.Period(period, 1);
        _squares = new RollingSum(period);
    }

    public int Period { get; }

    public int FirstValidIndex => Period;

    public bool IsReady => _squares.IsFull;

    public double Value { get; private set; } = double.NaN;

    public double Update(double close)
    {
        IndicatorGuard.Positive(close, "close");
        if (double.IsNaN(_previous))
        {
            _previous = close;
            return Value;
        }

        var r = (close / _previous) - 1.0;
        _previous = close;
        var downside = r < 0 ? r : 0.0;
        _squares.Push(downside * downside);
        if (_squares.IsFull)
        {
            // Max with 0: add/subtract rounding could leave a tiny negative sum for an all-zero window.
            Value = Math.Sqrt(Math.Max(_squares.Sum, 0.0) / Period);
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

    public static void Compute(ReadOnlySpan<double> close, Span<double> output, int period = 252)
    {
        IndicatorGuard.SameLength(close.Length, output.Length, "output");
        var dd = new DownsideDeviation(period);
        for (var i = 0; i < close.Length; i++)
        {
            output[i] = dd.Update(close[i]);
        }
    }
}
