using Tessera.Core.Errors;

namespace Tessera.Core.Strategies;

/// <summary>
/// Which bar's indicator values a rule reads at the close of bar t (the <c>LagBars</c> parameter of RSI-2, IBS and
/// their AND). 0, Tessera's default: the values at close(t), which are known at close(t) (the fill is at open(t+1)).
/// 1, Kobe81's convention (seed 003, "All indicators computed with .shift(1); signal computed at close(t) using
/// indicators from close(t-1); fill at open(t+1)"): every indicator value (RSI, SMA, ATR, IBS) is the one of bar t-1,
/// while prices of bar t (the close compared with the trend SMA and with the minimum price, the stop reference, the
/// bar's range for stop checks) stay current, as <c>df['close'] &gt; df['sma200'].shift(1)</c> reads.
/// </summary>
public static class IndicatorLag
{
    public const int None = 0;

    public const int OneBar = 1;

    internal static void Validate(int lagBars, string field)
    {
        if (lagBars is not (None or OneBar))
        {
            throw new TesseraValidationException(field, lagBars.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be 0 (values at close(t)) or 1 (Kobe81: indicators shifted one bar)");
        }
    }

    internal static void ValidateMinPrice(double minPrice, string field)
    {
        if (!(minPrice >= 0 && double.IsFinite(minPrice)))
        {
            throw new TesseraValidationException(field, minPrice.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must be a finite price >= 0 (0 = no minimum)");
        }
    }

    /// <summary>The minimum-price rule: an entry needs close &gt;= minPrice (Kobe81's <c>min_price = 5.0</c>); 0 disables it.</summary>
    internal static bool PriceAllowed(double close, double minPrice) => minPrice <= 0 || close >= minPrice;
}
