using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class AdxTests
{
    [Fact]
    public void Matches_hand_computed_reference()
    {
        // Source: reference_values.py adx() - Wilder DM/TR from bar 1, RMA(5), DX, ADX = RMA(DX, 5).
        var n = R.Close.Length;
        var adx = new double[n];
        var plus = new double[n];
        var minus = new double[n];
        Adx.Compute(R.High, R.Low, R.Close, adx, plus, minus, 5);
        SeriesAssert.Close(R.Adx5, adx, 1e-9);
        SeriesAssert.Close(R.PlusDi5, plus, 1e-9);
        SeriesAssert.Close(R.MinusDi5, minus, 1e-9);
        Assert.Equal(new Adx(5).FirstValidIndex, SeriesAssert.FirstValid(adx));
        Assert.Equal(5, SeriesAssert.FirstValid(plus));
        Assert.All(adx.Where(v => !double.IsNaN(v)), v => Assert.InRange(v, 0.0, 100.0));
    }

    [Fact]
    public void Pure_uptrend_has_minus_di_zero_and_adx_100()
    {
        // Every bar one higher: +DM = 1, -DM = 0, so -DI = 0, DX = 100 and ADX = 100.
        var adx = new Adx(3);
        for (var i = 0; i < 10; i++)
        {
            adx.Update(11 + i, 10 + i, 10.5 + i);
        }

        Assert.True(adx.IsReady);
        Assert.Equal(0.0, adx.MinusDi);
        Assert.Equal(100.0, adx.Value, 12);
    }
}
