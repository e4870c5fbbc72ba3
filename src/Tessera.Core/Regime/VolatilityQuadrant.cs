using Tessera.Core.Errors;
using Tessera.Core.Metrics;

namespace Tessera.Core.Regime;

public enum VolatilityLevel
{
    Low = 0,
    High = 1,
}

public enum VolatilityTrend
{
    Falling = 0,
    Rising = 1,
}

/// <summary>Result of the realized-volatility quadrant classification (annualized volatilities, sqrt(252)).</summary>
public sealed record VolatilityRegime(
    VolatilityLevel Level,
    VolatilityTrend Trend,
    double ShortVolatility,
    double LongVolatility,
    double PreviousShortVolatility)
{
    /// <summary>calm (low, falling), heating (low, rising), stress (high, rising), recovery (high, falling).</summary>
    public string Quadrant => (Level, Trend) switch
    {
        (VolatilityLevel.Low, VolatilityTrend.Falling) => "calm",
        (VolatilityLevel.Low, VolatilityTrend.Rising) => "heating",
        (VolatilityLevel.High, VolatilityTrend.Rising) => "stress",
        _ => "recovery",
    };
}

/// <summary>
/// Realized-volatility quadrant of a return series, at its last observation:
/// level = High when the short-window realized volatility exceeds the long-window one;
/// trend = Rising when the short-window volatility now exceeds its value one short window earlier.
/// Sample standard deviations (n - 1), annualized by sqrt(252) (<see cref="Annualization.TradingDaysPerYear"/>). Only past data is used.
/// </summary>
public static class VolatilityQuadrant
{
    public static VolatilityRegime Classify(ReadOnlySpan<double> returns, int shortWindow, int longWindow)
    {
        if (shortWindow < 2 || longWindow <= shortWindow)
        {
            throw new TesseraValidationException("regime.windows", $"{shortWindow}/{longWindow}", "need 2 <= short window < long window");
        }

        if (returns.Length < longWindow || returns.Length < 2 * shortWindow)
        {
            throw new TesseraValidationException("regime.returns", returns.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), $"need at least max(long window, 2 x short window) = {Math.Max(longWindow, 2 * shortWindow)} observations");
        }

        var n = returns.Length;
        var shortVol = AnnualizedStdDev(returns[(n - shortWindow)..]);
        var longVol = AnnualizedStdDev(returns[(n - longWindow)..]);
        var previousShort = AnnualizedStdDev(returns.Slice(n - (2 * shortWindow), shortWindow));
        return new VolatilityRegime(
            shortVol > longVol ? VolatilityLevel.High : VolatilityLevel.Low,
            shortVol > previousShort ? VolatilityTrend.Rising : VolatilityTrend.Falling,
            shortVol,
            longVol,
            previousShort);
    }

    /// <summary>Sample standard deviation x sqrt(252); rejects non-finite input.</summary>
    public static double AnnualizedStdDev(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            throw new TesseraValidationException("returns", values.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), "need at least 2 observations for a standard deviation");
        }

        var mean = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new TesseraValidationException("returns", values[i].ToString(System.Globalization.CultureInfo.InvariantCulture), "returns must be finite");
            }

            mean += values[i];
        }

        mean /= values.Length;
        var ss = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            var d = values[i] - mean;
            ss += d * d;
        }

        return Math.Sqrt(ss / (values.Length - 1)) * Math.Sqrt(Annualization.TradingDaysPerYear);
    }
}
