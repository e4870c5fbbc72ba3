using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class RealizedVolatilityTests
{
    [Fact]
    public void By_hand_and_reference()
    {
        // Log returns ln 2 and -ln 2: mean 0, sample variance 2 (ln 2)^2, annualised by sqrt(252).
        var vol = new RealizedVolatility(2);
        vol.Update(1);
        vol.Update(2);
        Assert.Equal(Math.Sqrt(2) * Math.Log(2) * Math.Sqrt(252), vol.Update(1), 12);
        var output = new double[R.Close.Length];
        RealizedVolatility.Compute(R.Close, output, 6);
        SeriesAssert.Close(R.RealizedVol6, output, 1e-12);
    }
}
