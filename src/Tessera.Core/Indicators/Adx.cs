using Tessera.Core.Data;
using Tessera.Core.Indicators.Kernels;

namespace Tessera.Core.Indicators;

/// <summary>
/// Wilder's directional movement system. From bar 1 on: +DM = up-move when it exceeds the down-move
/// and is positive (else 0), -DM symmetric, TR with the previous close. TR, +DM and -DM are smoothed by
/// RMA(n) (Wilder's running-total smoothing divided by n: the ratios +DI/-DI are the same);
/// +DI = 100 * RMA(+DM)/RMA(TR), -DI likewise (0 when RMA(TR) is 0); DX = 100 * |+DI - -DI| / (+DI + -DI)
/// (0 when both are 0); ADX = RMA(DX, n). +DI/-DI/DX first at index n, ADX first at index 2n-1.
/// That is the default <see cref="FirstBarConvention.TradingView"/> (TradingView's <c>ta.dmi</c>). Under
/// <see cref="FirstBarConvention.TaLibTtr"/> TR, +DM and -DM are Wilder running sums seeded with the first n-1 values
/// (<see cref="WilderSum"/>, as TA-Lib's <c>TA_ADX</c> and TTR's <c>wilderSum</c>); the indices are the same.
/// </summary>
public sealed class Adx : IIndicator
{
    private static readonly string[] OutputNames = ["adx", "plus_di", "minus_di"];

    private readonly Rma? _tr;
    private readonly Rma? _plusDm;
    private readonly Rma? _minusDm;
    private readonly WilderSum? _trSum;
    private readonly WilderSum? _plusDmSum;
    private readonly WilderSum? _minusDmSum;
    private readonly Rma _adx;
    private double _previousHigh = double.NaN;
    private double _previousLow;
    private double _previousClose;

    public Adx(int period = 14)
        : this(period, FirstBarConvention.TradingView)
    {
    }

    public Adx(int period, FirstBarConvention convention)
    {
        Period = IndicatorGuard.Period(period, 1);
        Convention = IndicatorGuard.Defined(convention);
        if (convention == FirstBarConvention.TaLibTtr)
        {
            _trSum = new WilderSum(period);
            _plusDmSum = new WilderSum(period);
            _minusDmSum = new WilderSum(period);
        }
        else
        {
            _tr = new Rma(period);
            _plusDm = new Rma(period);
            _minusDm = new Rma(period);
        }

        _adx = new Rma(period);
    }

    public int Period { get; }

    public FirstBarConvention Convention { get; }

    /// <summary>Index of the first ADX value; +DI/-DI start at <see cref="FirstDiIndex"/>.</summary>
    public int FirstValidIndex => (2 * Period) - 1;

    public int FirstDiIndex => Period;

    public bool IsReady => _adx.IsReady;

    public double Value => _adx.Value;

    public double PlusDi { get; private set; } = double.NaN;

    public double MinusDi { get; private set; } = double.NaN;

    public double Dx { get; private set; } = double.NaN;

    public double Update(double high, double low, double close)
    {
        TrueRange.CheckBar(high, low, close);
        if (double.IsNaN(_previousHigh))
        {
            (_previousHigh, _previousLow, _previousClose) = (high, low, close);
            return Value;
        }

        var up = high - _previousHigh;
        var down = _previousLow - low;
        var plusDm = up > down && up > 0 ? up : 0.0;
        var minusDm = down > up && down > 0 ? down : 0.0;
        var tr = TrueRange.Of(high, low, _previousClose);
        (_previousHigh, _previousLow, _previousClose) = (high, low, close);

        double trS, plusS, minusS;
        if (_tr is not null)
        {
            _tr.Update(tr);
            _plusDm!.Update(plusDm);
            _minusDm!.Update(minusDm);
            if (!_tr.IsReady)
            {
                return Value;
            }

            (trS, plusS, minusS) = (_tr.Value, _plusDm.Value, _minusDm!.Value);
        }
        else
        {
            _trSum!.Update(tr);
            _plusDmSum!.Update(plusDm);
            _minusDmSum!.Update(minusDm);
            if (!_trSum.IsReady)
            {
                return Value;
            }

            (trS, plusS, minusS) = (_trSum.Value, _plusDmSum.Value, _minusDmSum.Value);
        }

        // A ratio of two smoothed quantities: the same whether they are averages (RMA) or sums (Wilder's totals).
        PlusDi = trS > 0 ? 100.0 * plusS / trS : 0.0;
        MinusDi = trS > 0 ? 100.0 * minusS / trS : 0.0;
        var sum = PlusDi + MinusDi;
        Dx = sum > 0 ? 100.0 * Math.Abs(PlusDi - MinusDi) / sum : 0.0;
        return _adx.Update(Dx);
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.High, bar.Low, bar.Close);

    public double Output(int index) => index switch
    {
        0 => Value,
        1 => PlusDi,
        2 => MinusDi,
        _ => throw IndicatorGuard.BadOutput(index, 3),
    };

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 3);
        Compute(bars.High, bars.Low, bars.Close, outputs[0], outputs[1], outputs[2], Period, Convention);
    }

    public static void Compute(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        Span<double> adx,
        Span<double> plusDi,
        Span<double> minusDi,
        int period = 14) =>
        Compute(high, low, close, adx, plusDi, minusDi, period, FirstBarConvention.TradingView);

    public static void Compute(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        Span<double> adx,
        Span<double> plusDi,
        Span<double> minusDi,
        int period,
        FirstBarConvention convention)
    {
        IndicatorGuard.SameLength(close.Length, high.Length, "high");
        IndicatorGuard.SameLength(close.Length, low.Length, "low");
        IndicatorGuard.SameLength(close.Length, adx.Length, "adx");
        IndicatorGuard.SameLength(close.Length, plusDi.Length, "plusDi");
        IndicatorGuard.SameLength(close.Length, minusDi.Length, "minusDi");
        IndicatorGuard.Period(period, 1);
        IndicatorGuard.Defined(convention);
        ColumnChecks.Bars(high, low, close);
        IndicatorKernels.Adx(high, low, close, adx, plusDi, minusDi, period, convention);
    }
}
