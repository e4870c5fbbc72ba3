using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Core.Regime;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class RegimeStepTests
{
    [Fact]
    public void The_basket_is_the_mean_of_the_streams_on_each_date()
    {
        double[] s1 = [0.01, 0.02, -0.03];
        double[] s2 = [0.04, 0.00, 0.03];
        double[] s3 = [-0.02, 0.01, 0.00];

        // (0.01 + 0.04 - 0.02) / 3 = 0.01; (0.02 + 0 + 0.01) / 3 = 0.01; (-0.03 + 0.03 + 0) / 3 = 0.
        var basket = RegimeStep.EqualWeightedBasket([s1, s2, s3]);
        Assert.Equal(3, basket.Length);
        Assert.Equal(0.01, basket[0], 15);
        Assert.Equal(0.01, basket[1], 15);
        Assert.Equal(0.0, basket[2], 15);
    }

    [Fact]
    public void Streams_of_different_lengths_or_none_are_typed_errors()
    {
        Assert.Throws<TesseraValidationException>(() => RegimeStep.EqualWeightedBasket([new double[3], new double[2]]));
        Assert.Throws<TesseraValidationException>(() => RegimeStep.EqualWeightedBasket([]));
    }

    [Fact]
    public void The_quadrant_is_measured_on_the_basket()
    {
        // Basket = [0.01, -0.01, 0.03, -0.03]; short window 2, long window 4, annualized by sqrt(252).
        // short = sd(0.03, -0.03) = 0.06 / sqrt(2); previous short = sd(0.01, -0.01) = 0.02 / sqrt(2);
        // long = sd of all four = sqrt((0.0001 + 0.0001 + 0.0009 + 0.0009) / 3): short > long (high), short > previous (rising).
        var regime = RegimeStep.Classify([[0.02, -0.02, 0.06, -0.06], [0, 0, 0, 0]], 2, 4);
        Assert.Equal(0.06 / Math.Sqrt(2) * Math.Sqrt(252), regime.ShortVolatility, 12);
        Assert.Equal(0.02 / Math.Sqrt(2) * Math.Sqrt(252), regime.PreviousShortVolatility, 12);
        Assert.Equal(Math.Sqrt(0.002 / 3 * 252), regime.LongVolatility, 12);
        Assert.Equal(VolatilityLevel.High, regime.Level);
        Assert.Equal(VolatilityTrend.Rising, regime.Trend);
        Assert.Equal("stress", regime.Quadrant);
    }
}
