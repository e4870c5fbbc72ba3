using Tessera.Core.Data;
using Tessera.Core.Errors;

namespace Tessera.Core.Metrics;

/// <summary>
/// The IC of a ranker at one horizon h, over the cross-sections where it is defined: mean, sample standard deviation
/// (n - 1), count, ICIR = mean / sd, and hit rate (share of cross-sections with IC &gt; 0). For h &gt; 1 consecutive
/// cross-sections share h - 1 bars of forward return, so they are autocorrelated and ICIR is not a t-statistic.
/// </summary>
public sealed record IcAtHorizon(int Horizon, double MeanIc, double SdIc, int CrossSections, double IcIr, double HitRate);

/// <summary>
/// One ranker's information-coefficient analysis: the decay curve (horizons 1..H), the half-life fitted on it, and
/// the per-date IC at horizon 1 (NaN where undefined) on the union calendar <see cref="Dates"/>.
/// </summary>
public sealed record RankerIcResult(string Ranker, string Parameters, long[] Dates, IReadOnlyList<IcAtHorizon> Decay, double[] IcAtHorizon1, IcHalfLifeFit HalfLife);

/// <summary>
/// Rank IC of a cross-sectional ranker's scores against forward close-to-close returns (docs/IC.md). Scores are the
/// ranker's own per-bar scores (higher is better, known at close t); each series is placed on the union calendar of
/// the universe, NaN where it has no bar, so a cross-section at t ranks the assets that have a score at t and a close
/// at t and t + h. No I/O, no clock.
/// </summary>
public static class RankerIc
{
    /// <summary>Scores and closes on the union calendar: row t, column i (NaN where series i has no bar at date t).</summary>
    public static (long[] Dates, double[][] Scores, double[][] Closes) Panel(IReadOnlyList<BarSeries> universe, Func<BarSeries, double[]> scorer)
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(scorer);
        var dates = TradingCalendar.Union(universe);
        var scores = new double[dates.Length][];
        var closes = new double[dates.Length][];
        for (var t = 0; t < dates.Length; t++)
        {
            scores[t] = new double[universe.Count];
            closes[t] = new double[universe.Count];
            Array.Fill(scores[t], double.NaN);
            Array.Fill(closes[t], double.NaN);
        }

        for (var i = 0; i < universe.Count; i++)
        {
            var series = universe[i];
            var s = scorer(series);
            if (s.Length != series.Count)
            {
                throw new TesseraValidationException("scores", s.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), "the scorer must return one score per bar (" + series.Count + ")", series.Symbol);
            }

            // Both calendars ascend: one merge pass places the series' bars on their union-calendar rows.
            var ts = series.Timestamps;
            var row = 0;
            for (var k = 0; k < ts.Length; k++)
            {
                while (dates[row] < ts[k])
                {
                    row++;
                }

                scores[row][i] = s[k];
                closes[row][i] = series.Close[k];
            }
        }

        return (dates, scores, closes);
    }

    public static RankerIcResult Analyze(string ranker, string parameters, IReadOnlyList<BarSeries> universe, Func<BarSeries, double[]> scorer, int maxHorizon)
    {
        ArgumentNullException.ThrowIfNull(universe);
        if (universe.Count < 2)
        {
            throw new TesseraValidationException("universe", universe.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "a cross-sectional IC needs at least 2 symbols");
        }

        var (dates, scores, closes) = Panel(universe, scorer);
        if (maxHorizon < 1 || maxHorizon >= dates.Length)
        {
            throw new TesseraValidationException("horizons", maxHorizon.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be in 1.." + (dates.Length - 1) + " (fewer than the dates of the data)");
        }

        var decay = new IcAtHorizon[maxHorizon];
        var curve = new double[maxHorizon];
        double[] first = [];
        for (var h = 1; h <= maxHorizon; h++)
        {
            var ics = InformationCoefficient.CrossSectionIcs(scores, closes, h);
            if (h == 1)
            {
                first = ics;
            }

            decay[h - 1] = Summarize(h, ics);
            curve[h - 1] = decay[h - 1].MeanIc;
        }

        return new RankerIcResult(ranker, parameters, dates, decay, first, InformationCoefficient.FitHalfLife(curve));
    }

    /// <summary>Mean (the same sum as <see cref="InformationCoefficient.MeanIc"/>), sample sd, count, ICIR and hit rate of the defined ICs.</summary>
    public static IcAtHorizon Summarize(int horizon, ReadOnlySpan<double> ics)
    {
        double sum = 0;
        var n = 0;
        var positive = 0;
        foreach (var ic in ics)
        {
            if (!double.IsNaN(ic))
            {
                sum += ic;
                n++;
                positive += ic > 0 ? 1 : 0;
            }
        }

        if (n == 0)
        {
            return new IcAtHorizon(horizon, double.NaN, double.NaN, 0, double.NaN, double.NaN);
        }

        var mean = sum / n;
        double ss = 0;
        foreach (var ic in ics)
        {
            if (!double.IsNaN(ic))
            {
                ss += (ic - mean) * (ic - mean);
            }
        }

        var sd = n < 2 ? double.NaN : Math.Sqrt(ss / (n - 1));
        return new IcAtHorizon(horizon, mean, sd, n, sd > 0 ? mean / sd : double.NaN, (double)positive / n);
    }
}
