using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>How VWAP is anchored.</summary>
public enum VwapAnchor
{
    /// <summary>Intraday: cumulative from the first bar of each session, a session being one UTC calendar
    /// day (US regular hours, 13:30-21:00 UTC, never straddle UTC midnight; winter after-hours bars past
    /// 19:00 ET would start a new session).</summary>
    Session = 0,

    /// <summary>Daily bars: a rolling window of the last n bars (no session to anchor to).</summary>
    Rolling = 1,
}

/// <summary>
/// Volume-weighted average price of the typical price (h+l+c)/3, and the deviation (c - VWAP)/VWAP.
/// Session mode: first value on the first bar of each session. Rolling mode: first value at index n-1.
/// When the anchored volume is zero VWAP is undefined (NaN).
/// </summary>
public sealed class Vwap : IIndicator
{
    private static readonly string[] OutputNames = ["vwap", "deviation"];

    private const long MillisecondsPerDay = 86_400_000;
    private readonly RollingSum? _rollingPriceVolume;
    private readonly RollingSum? _rollingVolume;
    private double _sessionPriceVolume;
    private double _sessionVolume;
    private long _session = long.MinValue;

    public Vwap(VwapAnchor anchor, int period = 20)
    {
        Anchor = anchor;
        Period = anchor == VwapAnchor.Rolling ? IndicatorGuard.Period(period, 1) : 0;
        if (anchor == VwapAnchor.Rolling)
        {
            _rollingPriceVolume = new RollingSum(period);
            _rollingVolume = new RollingSum(period);
        }
    }

    public VwapAnchor Anchor { get; }

    public int Period { get; }

    public int FirstValidIndex => Anchor == VwapAnchor.Rolling ? Period - 1 : 0;

    public bool IsReady { get; private set; }

    public double Value { get; private set; } = double.NaN;

    public double Deviation { get; private set; } = double.NaN;

    /// <summary>Returns VWAP; <paramref name="timestampUtcMs"/> delimits sessions in session mode.</summary>
    public double Update(long timestampUtcMs, double high, double low, double close, double volume)
    {
        TrueRange.CheckBar(high, low, close);
        IndicatorGuard.NonNegative(volume, "volume");
        var typical = (high + low + close) / 3.0;
        double priceVolume, totalVolume;
        if (Anchor == VwapAnchor.Session)
        {
            var session = Math.DivRem(timestampUtcMs, MillisecondsPerDay, out var remainder) - (remainder < 0 ? 1 : 0);
            if (session != _session)
            {
                _session = session;
                _sessionPriceVolume = 0;
                _sessionVolume = 0;
            }

            _sessionPriceVolume += typical * volume;
            _sessionVolume += volume;
            (priceVolume, totalVolume) = (_sessionPriceVolume, _sessionVolume);
            IsReady = true;
        }
        else
        {
            _rollingPriceVolume!.Push(typical * volume);
            _rollingVolume!.Push(volume);
            if (!_rollingVolume.IsFull)
            {
                return Value;
            }

            (priceVolume, totalVolume) = (_rollingPriceVolume.Sum, _rollingVolume.Sum);
            IsReady = true;
        }

        Value = totalVolume > 0 ? priceVolume / totalVolume : double.NaN;
        Deviation = (close - Value) / Value;
        return Value;
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.TimestampUtcMs, bar.High, bar.Low, bar.Close, bar.Volume);

    public double Output(int index) => index switch
    {
        0 => Value,
        1 => Deviation,
        _ => throw IndicatorGuard.BadOutput(index, 2),
    };

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 2);
        Compute(bars.Timestamps, bars.High, bars.Low, bars.Close, bars.Volume, outputs[0], outputs[1], Anchor, Period);
    }

    public static void Compute(
        ReadOnlySpan<long> timestamps,
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        ReadOnlySpan<double> volume,
        Span<double> vwap,
        Span<double> deviation,
        VwapAnchor anchor,
        int period = 20)
    {
        IndicatorGuard.SameLength(close.Length, timestamps.Length, "timestamps");
        IndicatorGuard.SameLength(close.Length, high.Length, "high");
        IndicatorGuard.SameLength(close.Length, low.Length, "low");
        IndicatorGuard.SameLength(close.Length, volume.Length, "volume");
        IndicatorGuard.SameLength(close.Length, vwap.Length, "vwap");
        IndicatorGuard.SameLength(close.Length, deviation.Length, "deviation");
        var indicator = new Vwap(anchor, period);
        for (var i = 0; i < close.Length; i++)
        {
            vwap[i] = indicator.Update(timestamps[i], high[i], low[i], close[i], volume[i]);
            deviation[i] = indicator.Deviation;
        }
    }
}
