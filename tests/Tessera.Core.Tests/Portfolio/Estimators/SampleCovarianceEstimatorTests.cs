using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Estimators;

public sealed class SampleCovarianceEstimatorTests
{
    [Fact]
    public void Uses_the_n_minus_one_divisor_hand_computed()
    {
        // x = 1,2,3,6 (mean 3, deviations -2,-1,0,3), y = 2,1,4,1 (mean 2, deviations 0,-1,2,-1):
        // var x = 14/3, var y = 6/3 = 2, cov = (0 + 1 + 0 - 3)/3 = -2/3.
        var c = new SampleCovarianceEstimator().Estimate([[1, 2, 3, 6], [2, 1, 4, 1]]);
        Assert.Equal(14.0 / 3, c[0, 0], 14);
        Assert.Equal(2.0, c[1, 1], 14);
        Assert.Equal(-2.0 / 3, c[0, 1], 14);
        Assert.Equal(c[0, 1], c[1, 0]);
    }
}
