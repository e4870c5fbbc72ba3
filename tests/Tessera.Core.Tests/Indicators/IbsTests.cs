using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class IbsTests
{
    [Fact]
    public void By_hand_and_reference()
    {
        Assert.Equal(0.25, Ibs.Of(12, 8, 9));
        Assert.Equal(0.5, Ibs.Of(10, 10, 10));
        var output = new double[R.Close.Length];
        Ibs.Compute(R.High, R.Low, R.Close, output);
        SeriesAssert.Close(R.Ibs, output, 1e-12);
        Assert.All(output, v => Assert.InRange(v, 0.0, 1.0));
    }
}
