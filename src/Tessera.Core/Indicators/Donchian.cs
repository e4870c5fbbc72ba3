using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>
/// Donchian channel of the PREVIOUS n bars (the current bar is excluded, so a close beyond the channel
/// is a breakout known at that close): upper = max high, lower = min low, middle = (upper+lower)/2.
/// First value at index n.
/// </summary>
public sealed class Donchian : IIndicator
{
    private static readonly string[] OutputNames = ["upper", "lower", "middle"];

    private readonly RollingExtreme _highs;
    private readonly RollingExtreme _lows;

    public Donchian(int period = 20)
    {
        Period = IndicatorGuard.Period(period, 1);
        _highs = new RollingExtreme(period, isMax: true);
        _lows = new RollingExtreme(period, isMax: false);
    }

    public int Period { get; }

    public int FirstValidIndex => Period;

    public bool IsReady { get; private set; }

    public double Upper { get; private set; } = double.NaN;

    public double Lower { get; private set; } = double.NaN;

    public double Middle { get; private set; } = double.NaN;

    /// <summary>Bar index (0-based count of updates) where the current upper extreme was made.</summary>
    public long UpperIndex { get; private set; } = -1;

    /// <summary>Bar index where the current lower extreme was made.</summary>
    public long LowerIndex { get; private set; } = -1;

    /// <summary>Returns the upper band in force at this bar (from the previous n bars), then adds the bar.</summary>
    public double Update(double high, double low)
    {
        IndicatorGuard.Finite(high, "high");
        IndicatorGuard.Finite(low, "low");
        if (_highs.IsFull)
        {
            IsReady = true;
            Upper = _highs.Value;
            Lower = _lows.Value;
            UpperIndex = _highs.IndexOfValue;
            LowerIndex = _lows.IndexOfValue;
            Middle = (Upper + Lower) / 2.0;
        }

        _highs.Push(high);
        _lows.Push(low);
        return Upper;
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.High, bar.Low);

    public double Output(int index) => index switch
    {
        0 => Upper,
        1 => Lower,
        2 => Middle,
        _ => throw IndicatorGuard.BadOutput(index, 3),
    };

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 3);
        Compute(bars.High, bars.Low, outputs[0], outputs[1], outputs[2], Period);
    }

    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, Span<double> upper, Span<double> lower, Span<double> middle, int period = 20)
    {
        IndicatorGuard.SameLength(high.Length, low.Length, "low");
        IndicatorGuard.SameLength(high.Length, upper.Length, "upper");
        IndicatorGuard.SameLength(high.Length, lower.Length, "lower");
        IndicatorGuard.SameLength(high.Length, middle.Length, "middle");
        var channel = new Donchian(period);
        for (var i = 0; i < high.Length; i++)
        {
            upper[i] = channel.Update(high[i], low[i]);
            lower[i] = channel.Lower;
            middle[i] = channel.Middle;
        }
    }
}
