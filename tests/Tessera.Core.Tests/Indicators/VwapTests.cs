using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class VwapTests
{
    [Fact]
    public void Rolling_matches_hand_computed_reference()
    {
        // Source: reference_values.py vwap_rolling(5) - typical price (h+l+c)/3 weighted by volume.
        var n = R.Close.Length;
        var ts = Enumerable.Range(0, n).Select(i => i * 86_400_000L).ToArray();
        var vwap = new double[n];
        var dev = new double[n];
        Vwap.Compute(ts, R.High, R.Low, R.Close, R.Volume, vwap, dev, VwapAnchor.Rolling, 5);
        SeriesAssert.Close(R.VwapRolling5, vwap, 1e-10);
        SeriesAssert.Close(R.VwapDevRolling5, dev, 1e-12);
    }

    [Fact]
    public void Session_resets_at_each_UTC_day()
    {
        // Day 1: typical 10 (v 1), typical 13 (v 2) -> (10 + 26)/3 = 12. Day 2 restarts: typical 20.
        const long day = 86_400_000L;
        var vwap = new Vwap(VwapAnchor.Session);
        Assert.Equal(10.0, vwap.Update(day + 1000, 11, 9, 10, 1));
        Assert.Equal(12.0, vwap.Update(day + 60_000, 14, 12, 13, 2));
        Assert.Equal((13 - 12) / 12.0, vwap.Deviation);
        Assert.Equal(20.0, vwap.Update((2 * day) + 1000, 21, 19, 20, 5));
    }
}
