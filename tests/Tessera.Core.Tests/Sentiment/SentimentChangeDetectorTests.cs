using Tessera.Core.Errors;
using Tessera.Core.Sentiment;
using Xunit;

namespace Tessera.Core.Tests.Sentiment;

public sealed class SentimentChangeDetectorTests
{
    /// <summary>60 readings alternating 0.1 and 0.3: mean 0.2, sample sd = 0.1 x sqrt(60/59).</summary>
    private static SentimentChangeDetector Primed()
    {
        var d = new SentimentChangeDetector();
        for (var i = 0; i < 60; i++)
        {
            Assert.Null(d.Add("ACME", i % 2 == 0 ? 0.1 : 0.3).ZScore);
        }

        return d;
    }

    private static readonly double Sd = 0.1 * Math.Sqrt(60.0 / 59.0);

    [Fact]
    public void The_z_score_is_against_the_previous_readings_only()
    {
        var r = Primed().Add("ACME", -0.2);
        Assert.Equal(60, r.HistoryReadings);
        Assert.Equal(0.2, r.BaselineMean!.Value, 12);
        Assert.Equal(Sd, r.BaselineStandardDeviation!.Value, 12);
        Assert.Equal((-0.2 - 0.2) / Sd, r.ZScore!.Value, 12);
        Assert.True(r.Exit);
    }

    [Fact]
    public void Exit_is_strictly_below_minus_two_standard_deviations()
    {
        var at = Primed().Add("ACME", 0.2 - (2 * Sd));
        Assert.Equal(-2.0, at.ZScore!.Value, 9);
        Assert.False(at.Exit || at.ZScore < -2.0 - 1e-9);
        Assert.True(Primed().Add("ACME", 0.2 - (2.001 * Sd)).Exit);
    }

    [Fact]
    public void Fewer_than_sixty_readings_never_exit_and_tickers_are_independent()
    {
        var d = new SentimentChangeDetector();
        for (var i = 0; i < 59; i++)
        {
            d.Add("A", 0.5);
        }

        var r = d.Add("A", -1);
        Assert.Null(r.ZScore);
        Assert.False(r.Exit);
        Assert.Equal(0, d.Add("B", 0.1).HistoryReadings);
    }

    [Fact]
    public void A_flat_baseline_has_no_z_score_and_bad_scores_are_typed_errors()
    {
        var d = new SentimentChangeDetector(minHistory: 5);
        for (var i = 0; i < 5; i++)
        {
            d.Add("A", 0.4);
        }

        Assert.Null(d.Add("A", -1).ZScore);
        Assert.Throws<TesseraValidationException>(() => d.Add("A", double.NaN));
        Assert.Throws<TesseraValidationException>(() => d.Add("A", 1.5));
        Assert.Throws<TesseraValidationException>(() => new SentimentChangeDetector(exitThreshold: 2));
    }
}
