namespace Tessera.Core.Indicators;

/// <summary>True range max(h-l, |h-c_{t-1}|, |l-c_{t-1}|); without a previous close it is h-l.</summary>
public static class TrueRange
{
    public static double Of(double high, double low, double previousClose)
    {
        var range = high - low;
        if (double.IsNaN(previousClose))
        {
            return range;
        }

        var up = Math.Abs(high - previousClose);
        var down = Math.Abs(low - previousClose);
        return Math.Max(range, Math.Max(up, down));
    }

    internal static void CheckBar(double high, double low, double close)
    {
        IndicatorGuard.Finite(high, "high");
        IndicatorGuard.Finite(low, "low");
        IndicatorGuard.Finite(close, "close");
        if (high < low)
        {
            throw new Errors.TesseraValidationException("high", high.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "high must be >= low (" + low.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ")");
        }
    }
}
