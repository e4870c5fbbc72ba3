namespace Tessera.Core.Data;

/// <summary>One bar as fed to a live signal engine or an indicator (the row view of <see cref="BarSeries"/>).</summary>
public readonly record struct OhlcvBar(long TimestampUtcMs, double Open, double High, double Low, double Close, double Volume)
{
    /// <summary>
    /// Rejects a bar a strategy must not act on: non-finite or non-positive prices, high &lt; low, open/close outside
    /// [low, high], negative or non-finite volume. Every engine checks every bar, whichever fields it reads.
    /// </summary>
    public void Validate(string symbol)
    {
        var where = symbol + "@" + TimestampUtcMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        CheckPrice(Open, "open", where);
        CheckPrice(High, "high", where);
        CheckPrice(Low, "low", where);
        CheckPrice(Close, "close", where);
        if (High < Low || Open < Low || Open > High || Close < Low || Close > High)
        {
            throw new Errors.TesseraValidationException("bar", Format(High) + "/" + Format(Low), "low <= open, close <= high must hold", where);
        }

        if (!double.IsFinite(Volume) || Volume < 0)
        {
            throw new Errors.TesseraValidationException("volume", Format(Volume), "must be a finite number >= 0", where);
        }
    }

    private static void CheckPrice(double value, string field, string where)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new Errors.TesseraValidationException(field, Format(value), "must be a finite price > 0", where);
        }
    }

    private static string Format(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public static OhlcvBar At(BarSeries bars, int index)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return new(bars.Timestamps[index], bars.Open[index], bars.High[index], bars.Low[index], bars.Close[index], bars.Volume[index]);
    }
}
