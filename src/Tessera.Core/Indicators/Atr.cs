using Tessera.Core.Data;
using Tessera.Core.Indicators.Kernels;

namespace Tessera.Core.Indicators;

/// <summary>
/// Average true range ATR(n) = RMA(TR, n). The first bar has no previous close: under the default
/// <see cref="FirstBarConvention.TradingView"/> its TR is h-l (as in Wilder's worked table, StockCharts' ATR
/// spreadsheet and TradingView's <c>ta.atr</c>) and the first value, the mean of the first n TRs, is at index n-1;
/// under <see cref="FirstBarConvention.TaLibTtr"/> bar 0 has no TR (TA-Lib, R TTR) and the first value, the mean of
/// TR_1..TR_n, is at index n.
/// </summary>
public sealed class Atr : IIndicator
{
    private static readonly string[] OutputNames = ["atr"];

    private readonly Rma _rma;
    private double _previousClose = double.NaN;

    public Atr(int period = 14)
        : this(period, FirstBarConvention.TradingView)
    {
    }

    public Atr(int period, FirstBarConvention convention)
    {
        Period = IndicatorGuard.Period(period, 1);
        Convention = IndicatorGuard.Defined(convention);
        _rma = new Rma(period);
    }

    public int Period { get; }

    public FirstBarConvention Convention { get; }

    public int FirstValidIndex => Convention == FirstBarConvention.TaLibTtr ? Period : Period - 1;

    public bool IsReady => _rma.IsReady;

    public double Value => _rma.Value;

    public double Update(double high, double low, double close)
    {
        TrueRange.CheckBar(high, low, close);
        var previous = _previousClose;
        _previousClose = close;
        if (double.IsNaN(previous) && Convention == FirstBarConvention.TaLibTtr)
        {
            // TA-Lib/TTR: the first bar has no true range, so nothing enters the average.
            return _rma.Value;
        }

        return _rma.Update(TrueRange.Of(high, low, previous));
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.High, bar.Low, bar.Close);

    public double Output(int index) => index == 0 ? Value : throw IndicatorGuard.BadOutput(index, 1);

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 1);
        Compute(bars.High, bars.Low, bars.Close, outputs[0], Period, Convention);
    }

    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, int period = 14) =>
        Compute(high, low, close, output, period, FirstBarConvention.TradingView);

    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, int period, FirstBarConvention convention)
    {
        IndicatorGuard.SameLength(close.Length, high.Length, "high");
        IndicatorGuard.SameLength(close.Length, low.Length, "low");
        IndicatorGuard.SameLength(close.Length, output.Length, "output");
        IndicatorGuard.Period(period, 1);
        IndicatorGuard.Defined(convention);
        ColumnChecks.Bars(high, low, close);
        IndicatorKernels.Atr(high, low, close, output, period, convention);
    }
}
