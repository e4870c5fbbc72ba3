using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>
/// Ichimoku Kinko Hyo (9, 26, 52, displacement 26). Tenkan = (max high + min low)/2 over the last 9 bars
/// (current included), Kijun likewise over 26. Charting software draws Senkou A = (tenkan+kijun)/2 and
/// Senkou B = midpoint over 52 bars shifted 26 bars INTO THE FUTURE. Without look-ahead the value stored at
/// bar t is the cloud IN FORCE at t, i.e. the spans computed at bar t-26: SenkouA[t] = (tenkan[t-26] +
/// kijun[t-26])/2, SenkouB[t] = mid52[t-26]. The chikou span (close drawn 26 bars back) is by construction
/// a look-ahead plot and is not emitted; compare close[t] with close[t-26] instead.
/// Tenkan first at index 8, Kijun at 25, Senkou A at 51, Senkou B at 77 (= 51 + 26).
/// </summary>
public sealed class Ichimoku : IIndicator
{
    private static readonly string[] OutputNames = ["tenkan", "kijun", "senkou_a", "senkou_b"];

    private readonly RollingExtreme _tenkanHigh;
    private readonly RollingExtreme _tenkanLow;
    private readonly RollingExtreme _kijunHigh;
    private readonly RollingExtreme _kijunLow;
    private readonly RollingExtreme _spanBHigh;
    private readonly RollingExtreme _spanBLow;
    private readonly RingBuffer _spanADelay;
    private readonly RingBuffer _spanBDelay;

    public Ichimoku(int tenkan = 9, int kijun = 26, int senkouB = 52, int displacement = 26)
    {
        TenkanPeriod = IndicatorGuard.Period(tenkan, 1, "tenkan");
        KijunPeriod = IndicatorGuard.Period(kijun, 1, "kijun");
        SenkouBPeriod = IndicatorGuard.Period(senkouB, 1, "senkouB");
        Displacement = IndicatorGuard.Period(displacement, 1, "displacement");
        _tenkanHigh = new RollingExtreme(tenkan, isMax: true);
        _tenkanLow = new RollingExtreme(tenkan, isMax: false);
        _kijunHigh = new RollingExtreme(kijun, isMax: true);
        _kijunLow = new RollingExtreme(kijun, isMax: false);
        _spanBHigh = new RollingExtreme(senkouB, isMax: true);
        _spanBLow = new RollingExtreme(senkouB, isMax: false);
        _spanADelay = new RingBuffer(displacement);
        _spanBDelay = new RingBuffer(displacement);
    }

    public int TenkanPeriod { get; }

    public int KijunPeriod { get; }

    public int SenkouBPeriod { get; }

    public int Displacement { get; }

    /// <summary>First index where every output (including Senkou B) is defined.</summary>
    public int FirstValidIndex => Math.Max(Math.Max(TenkanPeriod, KijunPeriod), SenkouBPeriod) - 1 + Displacement;

    public bool IsReady => !double.IsNaN(SenkouA) && !double.IsNaN(SenkouB);

    public double Tenkan { get; private set; } = double.NaN;

    public double Kijun { get; private set; } = double.NaN;

    /// <summary>Senkou A in force at this bar (computed Displacement bars ago).</summary>
    public double SenkouA { get; private set; } = double.NaN;

    /// <summary>Senkou B in force at this bar (computed Displacement bars ago).</summary>
    public double SenkouB { get; private set; } = double.NaN;

    public double Update(double high, double low)
    {
        IndicatorGuard.Finite(high, "high");
        IndicatorGuard.Finite(low, "low");
        _tenkanHigh.Push(high);
        _tenkanLow.Push(low);
        _kijunHigh.Push(high);
        _kijunLow.Push(low);
        _spanBHigh.Push(high);
        _spanBLow.Push(low);
        Tenkan = _tenkanHigh.IsFull ? (_tenkanHigh.Value + _tenkanLow.Value) / 2.0 : double.NaN;
        Kijun = _kijunHigh.IsFull ? (_kijunHigh.Value + _kijunLow.Value) / 2.0 : double.NaN;
        var spanANow = (Tenkan + Kijun) / 2.0;
        var spanBNow = _spanBHigh.IsFull ? (_spanBHigh.Value + _spanBLow.Value) / 2.0 : double.NaN;

        // The value leaving the delay line was computed exactly Displacement bars ago.
        SenkouA = _spanADelay.Push(spanANow);
        SenkouB = _spanBDelay.Push(spanBNow);
        return Tenkan;
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.High, bar.Low);

    public double Output(int index) => index switch
    {
        0 => Tenkan,
        1 => Kijun,
        2 => SenkouA,
        3 => SenkouB,
        _ => throw IndicatorGuard.BadOutput(index, 4),
    };

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 4);
        Compute(bars.High, bars.Low, outputs[0], outputs[1], outputs[2], outputs[3], TenkanPeriod, KijunPeriod, SenkouBPeriod, Displacement);
    }

    public static void Compute(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        Span<double> tenkan,
        Span<double> kijun,
        Span<double> senkouA,
        Span<double> senkouB,
        int tenkanPeriod = 9,
        int kijunPeriod = 26,
        int senkouBPeriod = 52,
        int displacement = 26)
    {
        IndicatorGuard.SameLength(high.Length, low.Length, "low");
        IndicatorGuard.SameLength(high.Length, tenkan.Length, "tenkan");
        IndicatorGuard.SameLength(high.Length, kijun.Length, "kijun");
        IndicatorGuard.SameLength(high.Length, senkouA.Length, "senkouA");
        IndicatorGuard.SameLength(high.Length, senkouB.Length, "senkouB");
        var cloud = new Ichimoku(tenkanPeriod, kijunPeriod, senkouBPeriod, displacement);
        for (var i = 0; i < high.Length; i++)
        {
            tenkan[i] = cloud.Update(high[i], low[i]);
            kijun[i] = cloud.Kijun;
            senkouA[i] = cloud.SenkouA;
            senkouB[i] = cloud.SenkouB;
        }
    }
}
