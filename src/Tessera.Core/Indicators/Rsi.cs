using Tessera.Core.Data;
using Tessera.Core.Indicators.Kernels;

namespace Tessera.Core.Indicators;

/// <summary>
/// Wilder's RSI(n): gains and losses of close-to-close changes, each smoothed by RMA(n) seeded with
/// the SMA of the first n changes; RSI = 100 - 100/(1+RS), and 100 when the average loss is 0
/// (ALGORITHMS.md). The first change is at bar 1, so the first value is at index n.
/// </summary>
public sealed class Rsi : IIndicator
{
    private static readonly string[] OutputNames = ["rsi"];

    private readonly Rma _gain;
    private readonly Rma _loss;
    private double _previous = double.NaN;

    public Rsi(int period = 14)
    {
        Period = IndicatorGuard.Period(period, 1);
        _gain = new Rma(period);
        _loss = new Rma(period);
    }

    public int Period { get; }

    public int FirstValidIndex => Period;

    public bool IsReady => _loss.IsReady;

    public double Value { get; private set; } = double.NaN;

    public double Update(double close)
    {
        IndicatorGuard.Finite(close, "close");
        if (double.IsNaN(_previous))
        {
            _previous = close;
            return Value;
        }

        var change = close - _previous;
        _previous = close;
        _gain.Update(change > 0 ? change : 0.0);
        _loss.Update(change < 0 ? -change : 0.0);
        if (_loss.IsReady)
        {
            Value = _loss.Value == 0 ? 100.0 : 100.0 - (100.0 / (1.0 + (_gain.Value / _loss.Value)));
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

    public static void Compute(ReadOnlySpan<double> close, Span<double> output, int period = 14)
    {
        IndicatorGuard.SameLength(close.Length, output.Length, "output");
        IndicatorGuard.Period(period, 1);
        ColumnChecks.Finite(close, "close");
        IndicatorKernels.Rsi(close, output, period);
    }
}
