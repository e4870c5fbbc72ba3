using Tessera.Core.Errors;
using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class SmaTests
{
    [Fact]
    public void Matches_hand_computed_reference()
    {
        // Source: reference_values.py sma() - mean of each 5-bar slice recomputed from scratch.
        var output = new double[R.Close.Length];
        Sma.Compute(R.Close, output, 5);
        SeriesAssert.Close(R.Sma5, output, 1e-12);
        Assert.Equal(new Sma(5).FirstValidIndex, SeriesAssert.FirstValid(output));
    }

    [Fact]
    public void Small_series_by_hand()
    {
        // (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+8)/3 = 5.
        var sma = new Sma(3);
        Assert.True(double.IsNaN(sma.Update(1)));
        Assert.False(sma.IsReady);
        Assert.True(double.IsNaN(sma.Update(2)));
        Assert.Equal(2.0, sma.Update(3));
        Assert.True(sma.IsReady);
        Assert.Equal(3.0, sma.Update(4));
        Assert.Equal(5.0, sma.Update(8));
    }

    [Fact]
    public void Rejects_bad_input()
    {
        Assert.Throws<TesseraValidationException>(() => new Sma(0));
        var sma = new Sma(3);
        var ex = Assert.Throws<TesseraValidationException>(() => sma.Update(double.NaN));
        Assert.Equal("value", ex.Field);
        Assert.Throws<TesseraValidationException>(() => sma.Update(double.PositiveInfinity));
        Assert.Throws<TesseraValidationException>(() => Sma.Compute(new double[3], new double[2], 2));
    }
}
