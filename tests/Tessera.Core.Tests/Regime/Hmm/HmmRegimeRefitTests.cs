using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Regime.Hmm;
using Xunit;

namespace Tessera.Core.Tests.Regime.Hmm;

public sealed class HmmRegimeRefitTests
{
    private static readonly HmmFitOptions Options = new(States: 2, Restarts: 3, Seed: 1);
    private static readonly DateOnly Start = new(2024, 1, 1);

    /// <summary>601 closes: 560 calm rising days, then 40 days of crash (the returns of HmmRegimeStepTests' case).</summary>
    private static (DateOnly[] Dates, double[] Closes) CalmThenCrash()
    {
        var random = new DeterministicRandom(3);
        var dates = new DateOnly[601];
        var closes = new double[601];
        dates[0] = Start;
        closes[0] = 100;
        for (var i = 1; i < closes.Length; i++)
        {
            var r = i <= 560 ? 0.001 + (0.005 * random.NextNormal()) : -0.02 + (0.03 * random.NextNormal());
            dates[i] = Start.AddDays(i);
            closes[i] = closes[i - 1] * (1 + r);
        }

        return (dates, closes);
    }

    [Fact]
    public void A_fit_after_a_crash_reports_bull_to_bear_since_the_previous_fit()
    {
        var (dates, closes) = CalmThenCrash();
        var previous = HmmRegimeRefit.Fit("SPY", dates.AsSpan(0, 501), closes.AsSpan(0, 501), Options, Start.AddDays(500), null, 5000);
        Assert.Equal("bull", previous.Model.Regime);
        Assert.Empty(previous.Changes);

        var next = HmmRegimeRefit.Fit("SPY", dates, closes, Options, Start.AddDays(600), previous.Model, 5000);
        Assert.Equal("bear", next.Model.Regime);
        Assert.Equal(dates[^1], next.Model.FitThrough);
        Assert.Equal(600, next.Model.Observations);
        Assert.NotEmpty(next.Changes);
        Assert.Equal(HmmRegime.Bull, next.Changes[0].From);
        Assert.Equal(HmmRegime.Bear, next.Changes[^1].To);
        Assert.All(next.Changes, c => Assert.True(c.Date > previous.Model.FitThrough));

        // The changes are exactly the label flips of the filtered readings after the previous fit's last day.
        var flips = 0;
        var last = HmmRegime.Bull;
        for (var i = 0; i < next.ReturnDates.Count; i++)
        {
            if (next.ReturnDates[i] > previous.Model.FitThrough && next.FilteredLabels[i] != last)
            {
                flips++;
                last = next.FilteredLabels[i];
            }
        }

        Assert.Equal(flips, next.Changes.Count);
    }

    [Fact]
    public void The_lookback_keeps_the_last_returns_only_and_the_record_round_trips_to_the_fitted_parameters()
    {
        var (dates, closes) = CalmThenCrash();
        var fit = HmmRegimeRefit.Fit("SPY", dates, closes, Options, Start.AddDays(600), null, 300);
        Assert.Equal(300, fit.Model.Observations);
        Assert.Equal(dates[301], fit.ReturnDates[0]);
        var p = fit.Model.ToParameters();
        Assert.Equal(fit.Model.States.Select(s => s.Mean), p.Means);
        Assert.Equal(HmmModelRecord.CurrentVersion, fit.Model.Version);
        Assert.Equal(1.0, fit.Model.States.Sum(s => s.FilteredProbability), 12);
    }

    [Fact]
    public void A_nan_close_a_non_positive_close_and_unordered_dates_are_typed_errors()
    {
        var (dates, closes) = CalmThenCrash();
        var nan = (double[])closes.Clone();
        nan[77] = double.NaN;
        Assert.Equal("closes[77]", Assert.Throws<TesseraValidationException>(() => HmmRegimeRefit.Fit("SPY", dates, nan, Options, Start, null, 5000)).Field);
        var zero = (double[])closes.Clone();
        zero[5] = 0;
        Assert.Equal("closes[5]", Assert.Throws<TesseraValidationException>(() => HmmRegimeRefit.Fit("SPY", dates, zero, Options, Start, null, 5000)).Field);
        var swapped = (DateOnly[])dates.Clone();
        (swapped[9], swapped[10]) = (swapped[10], swapped[9]);
        Assert.Equal("dates[10]", Assert.Throws<TesseraValidationException>(() => HmmRegimeRefit.Fit("SPY", swapped, closes, Options, Start, null, 5000)).Field);
    }

    [Fact]
    public void A_constant_series_is_a_typed_error()
    {
        var dates = Enumerable.Range(0, 200).Select(i => Start.AddDays(i)).ToArray();
        var flat = Enumerable.Repeat(50.0, 200).ToArray();
        var e = Assert.Throws<TesseraValidationException>(() => HmmRegimeRefit.Fit("SPY", dates, flat, Options, Start, null, 5000));
        Assert.Contains("constant series", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_record_with_a_bad_label_or_row_is_a_typed_error()
    {
        var (dates, closes) = CalmThenCrash();
        var model = HmmRegimeRefit.Fit("SPY", dates, closes, Options, Start, null, 5000).Model;
        Assert.Equal("regime", Assert.Throws<TesseraValidationException>(() => (model with { Regime = "sideways" }).RegimeLabel).Field);
        Assert.Equal("regime", Assert.Throws<TesseraValidationException>(() => (model with { Regime = "2" }).RegimeLabel).Field);
        var broken = model with { States = [model.States[0] with { TransitionRow = [1.0] }, model.States[1]] };
        Assert.Equal("states[0].transition_row", Assert.Throws<TesseraValidationException>(() => broken.ToParameters()).Field);
        var notStochastic = model with { States = [model.States[0] with { TransitionRow = [0.7, 0.7] }, model.States[1]] };
        Assert.Equal("hmm.transition[0]", Assert.Throws<TesseraValidationException>(() => notStochastic.ToParameters()).Field);
    }
}
