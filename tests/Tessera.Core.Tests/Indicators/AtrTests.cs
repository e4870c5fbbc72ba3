using Tessera.Core.Errors;
using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class AtrTests
{
    [Fact]
    public void Matches_hand_computed_reference()
    {
        // Source: reference_values.py atr() - TR_0 = h-l, then max of the three ranges, RMA(5).
        var output = new double[R.Close.Length];
        Atr.Compute(R.High, R.Low, R.Close, output, 5);
        SeriesAssert.Close(R.Atr5, output, 1e-12);
        Assert.Equal(4, SeriesAssert.FirstValid(output));
        Assert.All(output.Where(v => !double.IsNaN(v)), v => Assert.True(v >= 0));
    }

    [Fact]
    public void True_range_uses_gaps()
    {
        // Gap up: previous close 10, bar 12..13: TR = 13 - 10 = 3, not h-l = 1.
        Assert.Equal(3.0, TrueRange.Of(13, 12, 10));
        Assert.Equal(4.0, TrueRange.Of(9, 6, 10));
        Assert.Equal(1.0, TrueRange.Of(13, 12, double.NaN));
    }

    [Fact]
    public void Rejects_high_below_low()
    {
        var atr = new Atr(3);
        var ex = Assert.Throws<TesseraValidationException>(() => atr.Update(9, 10, 9.5));
        Assert.Equal("high", ex.Field);
    }
}
