using Tessera.Core.Errors;

namespace Tessera.Core.Metrics;

/// <summary>
/// Information coefficient of a ranker: the Spearman rank correlation between scores known at t and
/// forward returns over the next h bars, computed per cross-section (ties get average ranks; NaN pairs
/// are skipped). The IC half-life is read from the decay of the mean IC with the horizon:
/// we fit ln(IC(h)) = a + b h by least squares over the horizons whose mean IC is positive and report
/// HL = -ln 2 / b (the horizon over which predictive power halves); +infinity when IC does not decay.
/// </summary>
public static class InformationCoefficient
{
    /// <summary>Spearman rank correlation of two equal-length vectors, skipping pairs with a NaN.</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new TesseraValidationException("y", y.Length.ToString(), "must have the same length as x (" + x.Length + ")");
        }

        var n = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                n++;
            }
        }

        if (n < 2)
        {
            return double.NaN;
        }

        var xs = new double[n];
        var ys = new double[n];
        for (int i = 0, k = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                xs[k] = x[i];
                ys[k] = y[i];
                k++;
            }
        }

        return Pearson(AverageRanks(xs), AverageRanks(ys));
    }

    /// <summary>Ranks 1..n with ties sharing the average of their positions.</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var idx = new int[n];
        for (var i = 0; i < n; i++)
        {
            idx[i] = i;
        }

        var keys = values.ToArray();
        Array.Sort(keys, idx);
        var ranks = new double[n];
        var start = 0;
        while (start < n)
        {
            var end = start;
            while (end + 1 < n && keys[end + 1] == keys[start])
            {
                end++;
            }

            var avg = ((start + end) / 2.0) + 1.0;
            for (var k = start; k <= end; k++)
            {
                ranks[idx[k]] = avg;
            }

            start = end + 1;
        }

        return ranks;
    }

    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var mx = PerformanceMetrics.Mean(x);
        var my = PerformanceMetrics.Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>
    /// Mean cross-sectional IC at horizon h. scores[t][i] is the score of asset i known at close t;
    /// prices[t][i] the close; the forward return is prices[t+h][i] / prices[t][i] - 1.
    /// Cross-sections with an undefined IC (fewer than two valid pairs, constant ranks) are skipped.
    /// </summary>
    public static double MeanIc(double[][] scores, double[][] prices, int horizon)
    {
        var ics = CrossSectionIcs(scores, prices, horizon);
        double sum = 0;
        var count = 0;
        foreach (var ic in ics)
        {
            if (!double.IsNaN(ic))
            {
                sum += ic;
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>
    /// The IC of each cross-section at horizon h: element t is Spearman(scores[t], prices[t+h]/prices[t] - 1), NaN when
    /// t + h is past the last row or the IC is undefined (fewer than two valid pairs, constant ranks). A price that is
    /// NaN or not positive makes that asset's forward return NaN (the pair is skipped).
    /// </summary>
    public static double[] CrossSectionIcs(double[][] scores, double[][] prices, int horizon)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(prices);
        if (horizon < 1)
        {
            throw new TesseraValidationException("horizon", horizon.ToString(), "must be >= 1");
        }

        if (scores.Length != prices.Length)
        {
            throw new TesseraValidationException("prices", prices.Length.ToString(), "must have one row per score row (" + scores.Length + ")");
        }

        var ics = new double[scores.Length];
        Array.Fill(ics, double.NaN);
        for (var t = 0; t + horizon < scores.Length; t++)
        {
            var now = prices[t];
            var later = prices[t + horizon];
            var fwd = new double[now.Length];
            for (var i = 0; i < now.Length; i++)
            {
                fwd[i] = now[i] > 0 ? (later[i] / now[i]) - 1.0 : double.NaN;
            }

            ics[t] = Spearman(scores[t], fwd);
        }

        return ics;
    }

    /// <summary>Mean IC for horizons 1..maxHorizon (index 0 is horizon 1).</summary>
    public static double[] DecayCurve(double[][] scores, double[][] prices, int maxHorizon)
    {
        var curve = new double[maxHorizon];
        for (var h = 1; h <= maxHorizon; h++)
        {
            curve[h - 1] = MeanIc(scores, prices, h);
        }

        return curve;
    }

    /// <summary>Half-life (in bars) of an IC decay curve whose index 0 is horizon 1 (see <see cref="FitHalfLife"/>).</summary>
    public static double HalfLife(ReadOnlySpan<double> icByHorizon) => FitHalfLife(icByHorizon).HalfLife;

    /// <summary>
    /// Least-squares fit of ln IC(h) = a + b h over the horizons h whose mean IC is &gt; 0 (ln is undefined otherwise),
    /// and HL = -ln 2 / b: the number of bars over which the fitted IC halves. +infinity when b &gt;= 0 (no decay);
    /// NaN when fewer than two horizons have a positive IC (nothing to fit).
    /// </summary>
    public static IcHalfLifeFit FitHalfLife(ReadOnlySpan<double> icByHorizon)
    {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        var n = 0;
        for (var k = 0; k < icByHorizon.Length; k++)
        {
            var ic = icByHorizon[k];
            if (!(ic > 0))
            {
                continue;
            }

            double h = k + 1;
            var l = Math.Log(ic);
            sx += h;
            sy += l;
            sxx += h * h;
            sxy += h * l;
            n++;
        }

        if (n < 2)
        {
            return new IcHalfLifeFit(double.NaN, double.NaN, double.NaN, n);
        }

        var slope = ((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx));
        var intercept = (sy - (slope * sx)) / n;
        return new IcHalfLifeFit(slope >= 0 ? double.PositiveInfinity : -Math.Log(2) / slope, slope, intercept, n);
    }
}

/// <summary>The IC half-life fit: HL = -ln 2 / Slope of ln IC(h) = Intercept + Slope h over <see cref="Points"/> horizons with IC &gt; 0.</summary>
public sealed record IcHalfLifeFit(double HalfLife, double Slope, double Intercept, int Points);
