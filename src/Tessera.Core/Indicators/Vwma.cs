using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>
/// Volume-weighted moving average sum(c*v)/sum(v) over the last n bars; first value at index n-1.
/// When the window's volume is zero the average is undefined and the value is NaN (never a guess).
/// </summary>
public sealed class Vwma : IIndicator
{
    private static readonly string[] OutputNames = ["vwma"];

    private readonly RollingSum _priceVolume;
    private readonly RollingSum _volume;

    public Vwma(int period)
    {
        Period = IndicatorGuard.Period(period, 1);
        _priceVolume = new RollingSum(period);
        _volume = new RollingSum(period);
    }

    public int Period { get; }

    public int FirstValidIndex => Period - 1;

    public bool IsReady => _volume.IsFull;

    public double Value { get; private set; } = double.NaN;

    public double Update(double close, double volume)
    {
        IndicatorGuard.Finite(close, "close");
        IndicatorGuard.NonNegative(volume, "volume");
        _priceVolume.Push(close * volume);
        _volume.Push(volume);
        if (_volume.IsFull)
        {
            Value = _volume.Sum > 0 ? _priceVolume.Sum / _volume.Sum : double.NaN;
        }

        return Value;
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.Close, bar.Volume);

    public double Output(int index) => index == 0 ? Value : throw IndicatorGuard.BadOutput(index, 1);

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 1);
        Compute(bars.Close, bars.Volume, outputs[0], Period);
    }

    public static void Compute(ReadOnlySpan<double> close, ReadOnlySpan<double> volume, Span<double> output, int period)
    {
        IndicatorGuard.SameLength(close.Length, volume.Length, "volume");
        IndicatorGuard.SameLength(close.Length, output.Length, "output");
        var vwma = new Vwma(period);
        for (var i = 0; i < close.Length; i++)
        {
            output[i] = vwma.Update(close[i], volume[i]);
        }
    }
}
