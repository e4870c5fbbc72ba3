using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class BollingerTests
{
    [Fact]
    public void Matches_hand_computed_reference()
    {
        // Source: reference_values.py bollinger(5, 2) - population sd of each slice.
        var n = R.Close.Length;
        var mid = new double[n];
        var up = new double[n];
        var lo = new double[n];
        var pb = new double[n];
        Bollinger.Compute(R.Close, mid, up, lo, pb, 5, 2);
        SeriesAssert.Close(R.BbMid5, mid, 1e-12);
        SeriesAssert.Close(R.BbUpper5, up, 1e-12);
        SeriesAssert.Close(R.BbLower5, lo, 1e-12);
        SeriesAssert.Close(R.BbPctB5, pb, 1e-10);
    }

    [Fact]
    public void PercentB_is_0_at_lower_band_and_1_at_upper()
    {
        // Window {3, 1}: mean 2, population sd 1; with k = 1 the lower band is 1 = close.
        var bands = new Bollinger(2, 1);
        bands.Update(3);
        Assert.Equal(0.0, bands.Update(1));
        Assert.Equal(1.0, bands.Lower);
        Assert.Equal(1.0, bands.Update(3));
    }

    [Fact]
    public void Flat_window_gives_half()
    {
        var bands = new Bollinger(3);
        bands.Update(5);
        bands.Update(5);
        Assert.Equal(0.5, bands.Update(5));
        Assert.Equal(5.0, bands.Upper);
    }
}
