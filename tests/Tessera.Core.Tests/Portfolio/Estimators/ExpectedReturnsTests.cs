using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Estimators;

public sealed class ExpectedReturnsTests
{
    [Fact]
    public void Historical_is_the_column_mean()
    {
        var mu = ExpectedReturns.Historical([[1, 2, 3, 6], [2, 1, 4, 1]]);
        Assert.Equal(3.0, mu[0], 15);
        Assert.Equal(2.0, mu[1], 15);
    }

    [Fact]
    public void Ewma_mean_hand_computed()
    {
        // lambda 0.5 over (0, 3, 6): weights 1/7, 2/7, 4/7 -> (0 + 6 + 24)/7 = 30/7.
        Assert.Equal(30.0 / 7, ExpectedReturns.Ewma([[0, 3, 6]], 0.5)[0], 14);
    }
}
