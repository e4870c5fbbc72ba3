using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Metrics;
using Xunit;

namespace Tessera.Core.Tests.Metrics;

/// <summary>
/// Indian-equities blueprint (seed 001), monitoring: "IC by sleeve, IC half-life". Rank IC of a ranker's scores vs
/// forward returns at horizons 1..H and its half-life, pinned on hand-built cases (docs/IC.md).
/// </summary>
public sealed class RankerIcTests
{
    private const long Day = 86_400_000L;

    private static BarSeries Series(string symbol, long[] times, double[] closes) =>
        new(symbol, times, closes, closes, closes, closes, closes.Select(_ => 1000.0).ToArray());

    /// <summary>
    /// Three assets, four dates, scores fixed A=3 &gt; B=2 &gt; C=1. Daily returns: t0-&gt;t1 A+3% B+2% C+1%;
    /// t1-&gt;t2 A+3% B-1% C 0%; t2-&gt;t3 A 0% B+2% C-1%.
    /// </summary>
    private static List<BarSeries> HandUniverse()
    {
        long[] t = [0, Day, 2 * Day, 3 * Day];
        return
        [
            Series("A", t, [100, 103, 106.09, 106.09]),
            Series("B", t, [100, 102, 100.98, 102.9996]),
            Series("C", t, [100, 101, 101, 99.99]),
        ];
    }

    private static double[] FixedScores(BarSeries s)
    {
        var score = s.Symbol switch { "A" => 3.0, "B" => 2.0, _ => 1.0 };
        return [.. Enumerable.Repeat(score, s.Count)];
    }

    [Fact]
    public void Rank_ic_by_horizon_matches_the_hand_derivation()
    {
        // h = 1: t0 orders A>B>C (rho 1); t1 orders A>C>B (one adjacent swap: rho 0.5); t2 orders B>A>C (rho 0.5).
        //        mean 2/3; sd = sqrt(((1/3)^2 + 2 (1/6)^2) / 2) = sqrt(1/12); ICIR = (2/3) / sqrt(1/12); hit rate 1.
        // h = 2: t0->t2 A 1.0609, B 1.0098, C 1.01 -> A>C>B (0.5); t1->t3 A 1.03, B 1.0098, C 0.99 -> A>B>C (1); mean 0.75.
        // h = 3: t0->t3 A 1.0609, B 1.029996, C 0.9999 -> A>B>C (1).
        var r = RankerIc.Analyze("hand", "fixed", HandUniverse(), FixedScores, 3);
        Assert.Equal(2.0 / 3.0, r.Decay[0].MeanIc, 12);
        Assert.Equal(Math.Sqrt(1.0 / 12.0), r.Decay[0].SdIc, 12);
        Assert.Equal(3, r.Decay[0].CrossSections);
        Assert.Equal((2.0 / 3.0) / Math.Sqrt(1.0 / 12.0), r.Decay[0].IcIr, 12);
        Assert.Equal(1.0, r.Decay[0].HitRate);
        Assert.Equal(0.75, r.Decay[1].MeanIc, 12);
        Assert.Equal(2, r.Decay[1].CrossSections);
        Assert.Equal(1.0, r.Decay[2].MeanIc, 12);
        Assert.Equal(1, r.Decay[2].CrossSections);
        Assert.True(double.IsNaN(r.Decay[2].SdIc)); // one cross-section: no sample sd

        // The per-date series at h = 1; the last date has no forward bar.
        Assert.Equal(1.0, r.IcAtHorizon1[0], 12);
        Assert.Equal(0.5, r.IcAtHorizon1[1], 12);
        Assert.Equal(0.5, r.IcAtHorizon1[2], 12);
        Assert.True(double.IsNaN(r.IcAtHorizon1[3]));

        // IC rises with the horizon here: no decay, half-life +infinity.
        Assert.Equal(double.PositiveInfinity, r.HalfLife.HalfLife);

        // Same numbers as the library's MeanIc on the aligned panel.
        var (_, scores, closes) = RankerIc.Panel(HandUniverse(), FixedScores);
        Assert.Equal(InformationCoefficient.MeanIc(scores, closes, 2), r.Decay[1].MeanIc);
    }

    [Fact]
    public void Half_life_is_minus_ln2_over_the_slope_of_log_ic_fitted_on_the_positive_horizons()
    {
        // [0.4, 0.1, 0.1]: ln IC = ln 0.1 + (2 ln 2, 0, 0); x = 1,2,3, mean 2: b = (-(2 ln 2) + 0) / 2 = -ln 2 -> HL = 1 bar.
        var fit = InformationCoefficient.FitHalfLife([0.4, 0.1, 0.1]);
        Assert.Equal(1.0, fit.HalfLife, 12);
        Assert.Equal(-Math.Log(2), fit.Slope, 12);
        Assert.Equal(((Math.Log(0.4) + (2 * Math.Log(0.1))) / 3) + (2 * Math.Log(2)), fit.Intercept, 12);
        Assert.Equal(3, fit.Points);

        // A negative horizon is left out of the fit: points x = 1, 2, 4 with ln IC - ln 0.1 = 2 ln2, ln2, 0.
        // mean x = 7/3; Sxy = (-4/3)(2 ln2) + (-1/3)(ln2) = -3 ln2; Sxx = 16/9 + 1/9 + 25/9 = 14/3 -> b = -9 ln2 / 14, HL = 14/9.
        var skip = InformationCoefficient.FitHalfLife([0.4, 0.2, -0.05, 0.1]);
        Assert.Equal(14.0 / 9.0, skip.HalfLife, 12);
        Assert.Equal(3, skip.Points);

        // Boundaries: exactly two positive horizons fit; one does not (NaN); a flat curve does not decay (+infinity).
        Assert.Equal(1.0, InformationCoefficient.FitHalfLife([0.2, 0.1]).HalfLife, 12);
        Assert.True(double.IsNaN(InformationCoefficient.FitHalfLife([0.2, 0.0, -0.1]).HalfLife));
        Assert.Equal(1, InformationCoefficient.FitHalfLife([0.2, 0.0, -0.1]).Points);
        Assert.Equal(double.PositiveInfinity, InformationCoefficient.FitHalfLife([0.1, 0.1, 0.1]).HalfLife);
    }

    [Fact]
    public void The_panel_places_each_series_on_the_union_calendar_with_nan_where_it_has_no_bar()
    {
        var universe = HandUniverse();
        universe.Add(Series("D", [Day, 3 * Day], [50, 55]));
        var (dates, scores, closes) = RankerIc.Panel(universe, FixedScores);
        Assert.Equal(new long[] { 0, Day, 2 * Day, 3 * Day }, dates);
        Assert.True(double.IsNaN(closes[0][3]));
        Assert.Equal(50, closes[1][3]);
        Assert.True(double.IsNaN(closes[2][3]));
        Assert.Equal(55, closes[3][3]);
        Assert.Equal(1.0, scores[1][3]);
        Assert.True(double.IsNaN(scores[2][3]));
        Assert.Equal(106.09, closes[2][0]);

        // D joins the t1 -> t3 cross-section (h = 2) with +10%, the best: A>B>C stays, D on top -> scores (3,2,1,1) vs
        // returns ranks (3,2,1,4): ranks x = (4, 3, 1.5, 1.5), y = (3, 2, 1, 4). Pearson by hand: dx = (1.5, .5, -1, -1),
        // dy = (.5, -.5, -1.5, 1.5): Sxy = .75 - .25 + 1.5 - 1.5 = 0.5; Sxx = 2.25 + .25 + 1 + 1 = 4.5; Syy = 5 -> 0.5 / sqrt(22.5).
        var ics = InformationCoefficient.CrossSectionIcs(scores, closes, 2);
        Assert.Equal(0.5 / Math.Sqrt(22.5), ics[1], 12);
        Assert.Equal(0.5, ics[0], 12); // D has no bar at t0: the t0 cross-section is the three-asset one
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_field()
    {
        var universe = HandUniverse();
        Assert.Equal("horizons", Assert.Throws<TesseraValidationException>(() => RankerIc.Analyze("x", "", universe, FixedScores, 4)).Field);
        Assert.Equal("horizons", Assert.Throws<TesseraValidationException>(() => RankerIc.Analyze("x", "", universe, FixedScores, 0)).Field);
        Assert.Equal("universe", Assert.Throws<TesseraValidationException>(() => RankerIc.Analyze("x", "", universe.Take(1).ToList(), FixedScores, 1)).Field);
        Assert.Equal("scores", Assert.Throws<TesseraValidationException>(() => RankerIc.Analyze("x", "", universe, _ => [1.0], 1)).Field);
    }
}
