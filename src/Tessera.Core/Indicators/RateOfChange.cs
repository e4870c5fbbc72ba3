using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>Rate of change in percent: 100 * (c_t - c_{t-n}) / c_{t-n}. Closes must be > 0. First value at index n.</summary>
public sealed class RateOfChange : IIndicator
{
    private static readonly string[] OutputNames = ["roc"];

    private readonly RingBuffer _closes;

    public RateOfChange(int period = 12)
    {
        Period = IndicatorGuard.Period(period, 1);
        _closes = new RingBuffer(period);
    }

    public int Period { get; }

    public int FirstValidIndex => Period;

    public bool IsReady { get; private set; }

    public double Value { get; private set; } = double.NaN;

    public double Update(double close)
    {
        IndicatorGuard.Positive(close, "close");
        var past = _closes.Push(close);
        if (!double.IsNaN(past))
        {
            IsReady = true;
            Value = 100.0 * (close - past) / past;
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

    public static void Compute(ReadOnlySpan<double> close, Span<double> output, int period = 12)
    {
        IndicatorGuard.SameLength(close.Length, output.Length, "output");
        var roc = new RateOfChange(period);
        for (var i = 0; i < close.Length; i++)
        {
            output[i] = roc.Update(close[i]);
        }
    }
}
