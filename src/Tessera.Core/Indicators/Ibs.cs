using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>Internal bar strength (c - l)/(h - l), 0.5 when h == l. Defined from the first bar.</summary>
public sealed class Ibs : IIndicator
{
    private static readonly string[] OutputNames = ["ibs"];

    public int FirstValidIndex => 0;

    public bool IsReady { get; private set; }

    public double Value { get; private set; } = double.NaN;

    public static double Of(double high, double low, double close)
    {
        TrueRange.CheckBar(high, low, close);
        var range = high - low;
        return range > 0 ? (close - low) / range : 0.5;
    }

    public double Update(double high, double low, double close)
    {
        Value = Of(high, low, close);
        IsReady = true;
        return Value;
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.High, bar.Low, bar.Close);

    public double Output(int index) => index == 0 ? Value : throw IndicatorGuard.BadOutput(index, 1);

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 1);
        Compute(bars.High, bars.Low, bars.Close, outputs[0]);
    }

    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        IndicatorGuard.SameLength(close.Length, high.Length, "high");
        IndicatorGuard.SameLength(close.Length, low.Length, "low");
        IndicatorGuard.SameLength(close.Length, output.Length, "output");
        var ibs = new Ibs();
        for (var i = 0; i < close.Length; i++)
        {
            output[i] = ibs.Update(high[i], low[i], close[i]);
        }
    }
}
