using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class EmaTests
{
    [Fact]
    public void Matches_hand_computed_reference()
    {
        // Source: reference_values.py ema() - SMA seed of the first 5 values, then alpha = 2/6.
        var output = new double[R.Close.Length];
        Ema.Compute(R.Close, output, 5);
        SeriesAssert.Close(R.Ema5, output, 1e-12);
    }

    [Fact]
    public void Small_series_by_hand()
    {
        // n = 3, alpha = 0.5: seed (2+4+6)/3 = 4; then 4 + 0.5*(10-4) = 7; 7 + 0.5*(3-7) = 5.
        var ema = new Ema(3);
        ema.Update(2);
        ema.Update(4);
        Assert.Equal(4.0, ema.Update(6));
        Assert.Equal(7.0, ema.Update(10));
        Assert.Equal(5.0, ema.Update(3));
        Assert.Equal(2, ema.FirstValidIndex);
    }
}
