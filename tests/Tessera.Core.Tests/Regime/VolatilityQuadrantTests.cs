using Tessera.Core.Errors;
using Tessera.Core.Regime;
using Xunit;

namespace Tessera.Core.Tests.Regime;

public sealed class VolatilityQuadrantTests
{
    [Fact]
    public void Annualized_std_dev_matches_a_hand_computed_value()
    {
        // values 1,2,3,4: mean 2.5, sample variance (2.25+0.25+0.25+2.25)/3 = 5/3
        var expected = Math.Sqrt(5.0 / 3.0) * Math.Sqrt(252.0);
        Assert.Equal(expected, VolatilityQuadrant.AnnualizedStdDev([1, 2, 3, 4]), 12);
    }

    [Theory]
    [InlineData(0.001, 0.001, 0.02, "stress")]   // quiet history, violent last window
    [InlineData(0.02, 0.02, 0.001, "calm")]      // violent history, quiet last two windows
    [InlineData(0.02, 0.001, 0.005, "heating")]  // low vs long, but rising vs previous window
    [InlineData(0.001, 0.03, 0.02, "recovery")]  // high vs long, but falling vs previous window
    public void Classifies_the_four_quadrants(double earlyAmp, double previousAmp, double lastAmp, string quadrant)
    {
        const int shortWindow = 10;
        const int longWindow = 60;
        var r = new double[longWindow];
        for (var i = 0; i < longWindow; i++)
        {
            var amp = i >= longWindow - shortWindow ? lastAmp : i >= longWindow - (2 * shortWindow) ? previousAmp : earlyAmp;
            r[i] = (i % 2 == 0 ? 1 : -1) * amp;
        }

        Assert.Equal(quadrant, VolatilityQuadrant.Classify(r, shortWindow, longWindow).Quadrant);
    }

    [Fact]
    public void Rejects_too_short_series_and_non_finite_values()
    {
        Assert.Throws<TesseraValidationException>(() => VolatilityQuadrant.Classify(new double[30], 10, 60));
        var r = new double[60];
        r[5] = double.NaN;
        var ex = Assert.Throws<TesseraValidationException>(() => VolatilityQuadrant.Classify(r, 10, 60));
        Assert.Equal("returns", ex.Field);
    }
}
