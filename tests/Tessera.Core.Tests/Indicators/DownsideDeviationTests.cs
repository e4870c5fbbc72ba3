using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class DownsideDeviationTests
{
    [Fact]
    public void By_hand_and_reference()
    {
        // Returns +10%, -10%, 0 -> sqrt((0 + 0.01 + 0) / 3).
        var dd = new DownsideDeviation(3);
        dd.Update(100);
        dd.Update(110);
        dd.Update(99);
        Assert.Equal(Math.Sqrt(0.01 / 3), dd.Update(99), 12);
        var output = new double[R.Close.Length];
        DownsideDeviation.Compute(R.Close, output, 6);
        SeriesAssert.Close(R.DownsideDev6, output, 1e-12);
    }
}
