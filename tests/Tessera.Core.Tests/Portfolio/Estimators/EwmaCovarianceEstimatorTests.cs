using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Estimators;

public sealed class EwmaCovarianceEstimatorTests
{
    [Fact]
    public void Two_observations_hand_computed()
    {
        // lambda = 0.5, n = 2: weights 1/3 (old), 2/3 (new). x = (0, 3): mean 2, var = 1/3*4 + 2/3*1 = 2.
        // y = (1, 1 + 6): mean 5, cov = 1/3*(-2)(-4) + 2/3*(1)(2) = 8/3 + 4/3 = 4; var y = 1/3*16 + 2/3*4 = 8.
        var c = new EwmaCovarianceEstimator(0.5).Estimate([[0, 3], [1, 7]]);
        Assert.Equal(2.0, c[0, 0], 14);
        Assert.Equal(4.0, c[0, 1], 14);
        Assert.Equal(8.0, c[1, 1], 14);
    }

    [Fact]
    public void Weights_are_normalized_and_recent_rows_weigh_most()
    {
        var w = EwmaCovarianceEstimator.Weights(50, 0.94);
        Assert.Equal(1.0, w.Sum(), 14);
        Assert.Equal(0.94, w[48] / w[49], 14);
    }

    [Fact]
    public void Decay_outside_the_unit_interval_is_rejected()
    {
        Assert.Throws<TesseraValidationException>(() => new EwmaCovarianceEstimator(1.0));
    }
}
