using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class RollingZScoreTests
{
    [Fact]
    public void By_hand_and_reference()
    {
        // {1, 3}: mean 2, population sd 1 -> z(3) = 1; flat window -> 0.
        var z = new RollingZScore(2);
        z.Update(1);
        Assert.Equal(1.0, z.Update(3));
        Assert.Equal(0.0, new[] { 4.0, 4.0 }.Aggregate(new RollingZScore(2), (acc, v) => { acc.Update(v); return acc; }).Value);
        var output = new double[R.Close.Length];
        RollingZScore.Compute(R.Close, output, 6);
        SeriesAssert.Close(R.ZScore6, output, 1e-10);
    }
}
