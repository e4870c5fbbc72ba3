using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class DonchianTests
{
    [Fact]
    public void Matches_reference_and_contains_the_previous_bars()
    {
        // Source: reference_values.py donchian(5) - max/min of the PREVIOUS 5 highs/lows.
        var n = R.Close.Length;
        var up = new double[n];
        var lo = new double[n];
        var mid = new double[n];
        Donchian.Compute(R.High, R.Low, up, lo, mid, 5);
        SeriesAssert.Close(R.DonchianUpper5, up, 0);
        SeriesAssert.Close(R.DonchianLower5, lo, 0);
        Assert.Equal(5, SeriesAssert.FirstValid(up));
        for (var t = 5; t < n; t++)
        {
            for (var j = t - 5; j < t; j++)
            {
                Assert.InRange(R.High[j], lo[t], up[t]);
                Assert.InRange(R.Low[j], lo[t], up[t]);
                Assert.InRange(R.Close[j], lo[t], up[t]);
            }

            Assert.Equal((up[t] + lo[t]) / 2, mid[t]);
        }
    }

    [Fact]
    public void Reports_where_the_extreme_was_made_latest_on_ties()
    {
        var d = new Donchian(3);
        d.Update(5, 1);
        d.Update(7, 2);
        d.Update(7, 3);
        d.Update(6, 4);
        Assert.Equal(7.0, d.Upper);
        Assert.Equal(2, d.UpperIndex);
        Assert.Equal(1.0, d.Lower);
        Assert.Equal(0, d.LowerIndex);
    }
}
