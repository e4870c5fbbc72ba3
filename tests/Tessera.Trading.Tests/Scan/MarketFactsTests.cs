using Tessera.Core.Data;
using Tessera.Trading.Scan;
using Xunit;

namespace Tessera.Trading.Tests.Scan;

public sealed class MarketFactsTests
{
    private static BarSeries Series(double[] close, double[] volume, double range = 0)
    {
        var n = close.Length;
        var t = new long[n];
        var high = new double[n];
        var low = new double[n];
        for (var i = 0; i < n; i++)
        {
            t[i] = i * 86_400_000L;
            high[i] = close[i] + range;
            low[i] = close[i] - range;
        }

        return new BarSeries("T", t, close, high, low, close, volume);
    }

    [Fact]
    public void Adv20_is_the_mean_of_the_last_twenty_volumes()
    {
        var volume = Enumerable.Range(1, 25).Select(i => (double)i * 100).ToArray();
        var close = Enumerable.Repeat(10.0, 25).ToArray();
        // last 20 volumes: 600..2500 step 100 -> mean 1550
        Assert.Equal(1550.0, MarketFacts.AverageVolume(Series(close, volume)), 10);
        Assert.True(double.IsNaN(MarketFacts.AverageVolume(Series(close[..19], volume[..19]))));
    }

    [Fact]
    public void Atr_percent_of_a_constant_range_is_range_over_close()
    {
        // every bar high-low = 1.0 around a flat close of 50, so the true range is 1.0 and ATR(14) = 1.0
        var close = Enumerable.Repeat(50.0, 40).ToArray();
        var volume = Enumerable.Repeat(1000.0, 40).ToArray();
        Assert.Equal(0.02, MarketFacts.AtrPercent(Series(close, volume, range: 0.5)), 12);
    }

    [Fact]
    public void Daily_volatility_of_alternating_returns_is_hand_derived()
    {
        // closes alternate 100, 110, 100, 110...: returns +10 % and -9.0909 %
        var close = Enumerable.Range(0, 21).Select(i => i % 2 == 0 ? 100.0 : 110.0).ToArray();
        var volume = Enumerable.Repeat(1.0, 21).ToArray();
        var up = 0.1;
        var down = (100.0 / 110.0) - 1;
        var mean = (up + down) / 2;
        var expected = Math.Sqrt(((10 * (up - mean) * (up - mean)) + (10 * (down - mean) * (down - mean))) / 19);
        Assert.Equal(expected, MarketFacts.DailyVolatility(Series(close, volume)), 12);
    }
}
