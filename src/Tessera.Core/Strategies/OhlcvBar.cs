namespace Tessera.Core.Strategies;

/// <summary>One bar as fed to a live signal engine (the row view of <see cref="Data.BarSeries"/>).</summary>
public readonly record struct OhlcvBar(long TimestampUtcMs, double Open, double High, double Low, double Close, double Volume)
{
    public static OhlcvBar At(Data.BarSeries bars, int index)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return new(bars.Timestamps[index], bars.Open[index], bars.High[index], bars.Low[index], bars.Close[index], bars.Volume[index]);
    }
}
