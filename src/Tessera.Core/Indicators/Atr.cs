using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>
/// Average true range ATR(n) = RMA(TR, n). The first bar has no previous close, so its TR is h-l
/// (as in Wilder's worked table and StockCharts' ATR spreadsheet); the first value, the mean of the
/// first n TRs, is at index n-1.
/// </summary>
public sealed class Atr : IIndicator
{
    private static readonly string[] OutputNames = ["atr"];

    private readonly Rma _rma;
    private double _previousClose = double.NaN;

    public Atr(int period = 14)
    {
        Period = IndicatorGuard.Period(period, 1);
        _rma = new Rma(period);
    }

    public int Period { get; }

    public int FirstValidIndex => Period - 1;

    public bool IsReady => _rma.IsReady;

    public double Value => _rma.Value;

    public double Update(double high, double low, double close)
    {
        TrueRange.CheckBar(high, low, close);
        var tr = TrueRange.Of(high, low, _previousClose);
        _previousClose = close;
        return _rma.Update(tr);
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.High, bar.Low, bar.Close);

    public double Output(int index) => index == 0 ? Value : throw IndicatorGuard.BadOutput(index, 1);

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 1);
        Compute(bars.High, bars.Low, bars.Close, outputs[0], Period);
    }

    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, int period = 14)
    {
        IndicatorGuard.SameLength(close.Length, high.Length, "high");
        IndicatorGuard.SameLength(close.Length, low.Length, "low");
        IndicatorGuard.SameLength(close.Length, output.Length, "output");
        var atr = new Atr(period);
        for (var i = 0; i < close.Length; i++)
        {
            output[i] = atr.Update(high[i], low[i], close[i]);
        }
    }
}
