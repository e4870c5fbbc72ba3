using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>
/// Realized volatility: sample standard deviation (n-1) of the last n log returns ln(c_t/c_{t-1}),
/// annualised by sqrt(periodsPerYear) (default <see cref="Metrics.Annualization.TradingDaysPerYear"/>, daily bars). Two exact passes over the window.
/// First value at index n. Closes must be > 0.
/// </summary>
public sealed class RealizedVolatility : IIndicator
{
    private static readonly string[] OutputNames = ["realized_volatility"];

    private readonly RingBuffer _returns;
    private readonly double _annualisation;
    private double _previous = double.NaN;

    public RealizedVolatility(int period = 20, double periodsPerYear = Metrics.Annualization.TradingDaysPerYear)
    {
        Period = IndicatorGuard.Period(period, 2);
        IndicatorGuard.Positive(periodsPerYear, "periodsPerYear");
        PeriodsPerYear = periodsPerYear;
        _annualisation = Math.Sqrt(periodsPerYear);
        _returns = new RingBuffer(period);
    }

    public int Period { get; }

    /// <summary>Periods per year the volatility is annualised with.</summary>
    public double PeriodsPerYear { get; }

    public int FirstValidIndex => Period;

    public bool IsReady => _returns.IsFull;

    public double Value { get; private set; } = double.NaN;

    public double Update(double close)
    {
        IndicatorGuard.Positive(close, "close");
        if (double.IsNaN(_previous))
        {
            _previous = close;
            return Value;
        }

        _returns.Push(Math.Log(close / _previous));
        _previous = close;
        if (_returns.IsFull)
        {
            var (_, ss) = _returns.MeanAndSumSquares();
            Value = Math.Sqrt(ss / (Period - 1)) * _annualisation;
        }

        return Value;
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.Close);

    public double Output(int index) => index == 0 ? Value : throw IndicatorGuard.BadOutput(index, 1);

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 1);
        Compute(bars.Close, outputs[0], Period, PeriodsPerYear);
    }

    public static void Compute(ReadOnlySpan<double> close, Span<double> output, int period = 20, double periodsPerYear = Metrics.Annualization.TradingDaysPerYear)
    {
        IndicatorGuard.SameLength(close.Length, output.Length, "output");
        var vol = new RealizedVolatility(period, periodsPerYear);
        for (var i = 0; i < close.Length; i++)
        {
            output[i] = vol.Update(close[i]);
        }
    }
}
