using Tessera.Core.Errors;
using Tessera.Core.Regime.Hmm;

namespace Tessera.Core.Regime;

/// <summary>
/// The Alpha blueprint's fast-exit overlay (seed 000: fast_exit_slope_threshold −0.002, fast_exit_lookback_bars 12 of
/// 5-minute SPY bars). The slope is that of the least-squares line through the last N closes against the bar index,
/// divided by the mean of those closes: a FRACTION OF PRICE PER BAR (−0.002 = the fitted line loses 0.2 % of the price
/// every 5 minutes). It fires only when the regime model says Bull and the slope is strictly below the threshold: the
/// short-term tape contradicts the slow model, so risk is cut before the model catches up. Pure; the stream service
/// feeds it bars.
/// </summary>
public sealed class FastExitOverlay
{
    public FastExitOverlay(double slopeThreshold = -0.002, int lookbackBars = 12)
    {
        if (!double.IsFinite(slopeThreshold) || slopeThreshold >= 0)
        {
            throw new TesseraValidationException("regime.fast_exit_slope_threshold", slopeThreshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must be a finite negative fraction of price per bar");
        }

        if (lookbackBars < 3)
        {
            throw new TesseraValidationException("regime.fast_exit_lookback_bars", lookbackBars.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be >= 3");
        }

        SlopeThreshold = slopeThreshold;
        LookbackBars = lookbackBars;
    }

    public double SlopeThreshold { get; }

    public int LookbackBars { get; }

    /// <summary>Least-squares slope of the last <see cref="LookbackBars"/> closes over the bar index, as a fraction of their mean; NaN with fewer bars.</summary>
    public double Slope(ReadOnlySpan<double> closes)
    {
        if (closes.Length < LookbackBars)
        {
            return double.NaN;
        }

        var y = closes[^LookbackBars..];
        var n = y.Length;
        var meanX = (n - 1) / 2.0;
        double meanY = 0;
        foreach (var v in y)
        {
            if (!(v > 0) || !double.IsFinite(v))
            {
                throw new TesseraValidationException("closes", v.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "prices must be finite and > 0");
            }

            meanY += v;
        }

        meanY /= n;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (i - meanX) * (y[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }

        return sxy / sxx / meanY;
    }

    /// <summary>True when the regime is Bull and the slope is below the threshold.</summary>
    public bool Fires(HmmRegime regime, ReadOnlySpan<double> closes)
    {
        var slope = Slope(closes);
        return regime == HmmRegime.Bull && slope < SlopeThreshold;
    }
}
