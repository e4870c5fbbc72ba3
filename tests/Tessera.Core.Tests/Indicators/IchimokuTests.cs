using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class IchimokuTests
{
    [Fact]
    public void Matches_reference_with_cloud_in_force_at_each_bar()
    {
        // Source: reference_values.py ichimoku(3, 5, 8, 4) - the spans at t are those computed at t-4.
        var n = R.Close.Length;
        var ten = new double[n];
        var kij = new double[n];
        var sa = new double[n];
        var sb = new double[n];
        var cloud = new Ichimoku(3, 5, 8, 4);
        for (var i = 0; i < n; i++)
        {
            ten[i] = cloud.Update(R.High[i], R.Low[i]);
            kij[i] = cloud.Kijun;
            sa[i] = cloud.SenkouA;
            sb[i] = cloud.SenkouB;
        }

        SeriesAssert.Close(R.Tenkan3, ten, 1e-12);
        SeriesAssert.Close(R.Kijun5, kij, 1e-12);
        SeriesAssert.Close(R.SenkouA3x5d4, sa, 1e-12);
        SeriesAssert.Close(R.SenkouB8d4, sb, 1e-12);
        Assert.Equal(cloud.FirstValidIndex, SeriesAssert.FirstValid(sb));
    }

    [Fact]
    public void Default_warm_up()
    {
        var cloud = new Ichimoku();
        Assert.Equal(77, cloud.FirstValidIndex);
    }
}
