using Tessera.Core.Errors;
using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class VwmaTests
{
    [Fact]
    public void Matches_hand_computed_reference()
    {
        // Source: reference_values.py vwma() - sum(c*v)/sum(v) of each 5-bar slice.
        var output = new double[R.Close.Length];
        Vwma.Compute(R.Close, R.Volume, output, 5);
        SeriesAssert.Close(R.Vwma5, output, 1e-10);
    }

    [Fact]
    public void Small_series_by_hand_and_zero_volume()
    {
        // (10*1 + 20*3)/4 = 17.5
        var vwma = new Vwma(2);
        vwma.Update(10, 1);
        Assert.Equal(17.5, vwma.Update(20, 3));
        Assert.Equal(20.0, vwma.Update(30, 0)); // window {20 x 3, 30 x 0} -> 60/3
        var zero = new Vwma(2);
        zero.Update(10, 0);
        Assert.True(double.IsNaN(zero.Update(20, 0)));
        Assert.Throws<TesseraValidationException>(() => zero.Update(20, -1));
    }
}
