using Tessera.Core.Errors;
using Tessera.Core.Regime;
using Tessera.Core.Regime.Hmm;
using Xunit;

namespace Tessera.Core.Tests.Regime;

public sealed class FastExitOverlayTests
{
    private static readonly FastExitOverlay Overlay = new();

    /// <summary>Closes on an exact line y_i = 100 (1 + s (i − 5.5)): mean 100, least-squares slope 100 s, so the fraction is s.</summary>
    private static double[] Line(double s) => Enumerable.Range(0, 12).Select(i => 100 * (1 + (s * (i - 5.5)))).ToArray();

    [Fact]
    public void The_slope_is_a_fraction_of_price_per_bar()
    {
        Assert.Equal(-0.002, Overlay.Slope(Line(-0.002)), 12);
        Assert.Equal(0.0005, Overlay.Slope(Line(0.0005)), 12);

        // 100, 99.8, ..., 97.8: −0.2 per bar around a mean of 98.9
        var falling = Enumerable.Range(0, 12).Select(i => 100 - (0.2 * i)).ToArray();
        Assert.Equal(-0.2 / 98.9, Overlay.Slope(falling), 12);
    }

    [Fact]
    public void Only_the_last_twelve_bars_count()
    {
        var closes = new double[20];
        Array.Fill(closes, 500.0);
        Line(-0.003).CopyTo(closes, 8);
        Assert.Equal(-0.003, Overlay.Slope(closes), 12);
    }

    [Fact]
    public void Fires_in_a_bull_regime_below_the_threshold_only()
    {
        Assert.True(Overlay.Fires(HmmRegime.Bull, Line(-0.0021)));
        Assert.False(Overlay.Fires(HmmRegime.Bull, Line(-0.0019)));
        Assert.False(Overlay.Fires(HmmRegime.Neutral, Line(-0.01)));
        Assert.False(Overlay.Fires(HmmRegime.Bear, Line(-0.01)));
        Assert.False(Overlay.Fires(HmmRegime.Bull, Line(-0.01)[..11]));
    }

    [Fact]
    public void Bad_settings_and_prices_are_typed_errors()
    {
        Assert.Throws<TesseraValidationException>(() => new FastExitOverlay(slopeThreshold: 0.001));
        Assert.Throws<TesseraValidationException>(() => new FastExitOverlay(lookbackBars: 2));
        var closes = Line(-0.001);
        closes[5] = double.NaN;
        Assert.Throws<TesseraValidationException>(() => Overlay.Slope(closes));
    }
}
