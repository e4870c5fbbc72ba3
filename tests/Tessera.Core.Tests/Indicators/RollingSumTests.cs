using Tessera.Core.Data.Import;
using Tessera.Core.Indicators;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Indicators;

/// <summary>
/// The running sums decide ties as exact arithmetic does (ALGORITHMS.md "Running sums"): the mean of equal prices is
/// the price, and CINF's SMA(200) on 2014-06-13 equals its close 48.89, so RSI-2's "close > SMA(200)" is false there.
/// </summary>
public sealed class RollingSumTests
{
    [Theory]
    [InlineData(48.89)]
    [InlineData(0.1)]
    [InlineData(1234.57)]
    public void The_sma_of_a_constant_series_is_the_constant_exactly_at_every_bar(double price)
    {
        var sma = new Sma(200);
        for (var i = 0; i < 2_000; i++)
        {
            var v = sma.Update(price);
            if (sma.IsReady)
            {
                Assert.Equal(price, v); // bit for bit, not within a tolerance
            }
        }
    }

    [Fact]
    public void A_window_of_prices_averaging_to_a_price_gives_that_price_after_a_long_history()
    {
        // 200 prices whose exact mean is 48.89 (pairs 48.89 +- k cents), reached after 5,000 unrelated bars.
        var sma = new Sma(200);
        var random = new Random(11);
        for (var i = 0; i < 5_000; i++)
        {
            sma.Update(Math.Round(20 + (random.NextDouble() * 80), 2));
        }

        double last = double.NaN;
        for (var k = 0; k < 100; k++)
        {
            sma.Update(Math.Round(48.89 + (0.01 * (k + 1)), 2));
            last = sma.Update(Math.Round(48.89 - (0.01 * (k + 1)), 2));
        }

        Assert.Equal(48.89, last);
    }

    [SharedDataFact("sp500-daily-2013-2018.csv.gz")]
    public void Cinf_sma200_on_2014_06_13_equals_its_close()
    {
        using var file = File.OpenRead(SharedData.Path_("sp500-daily-2013-2018.csv.gz"));
        var cinf = BarCsvImporter.Import(file, new BarImportOptions { Mode = ImportMode.Lenient, Source = "sp500" }).Series.Single(s => s.Symbol == "CINF");
        var day = new DateTime(2014, 6, 13, 0, 0, 0, DateTimeKind.Utc);
        var index = Array.FindIndex(cinf.Timestamps, t => Tessera.Core.Data.BarSeries.ToUtc(t).Date == day);
        Assert.True(index >= 199);
        var sma = new double[cinf.Count];
        Sma.Compute(cinf.Close, sma, 200);
        Assert.Equal(48.89, cinf.Close[index]);
        Assert.Equal(cinf.Close[index], sma[index]);
        Assert.False(cinf.Close[index] > sma[index]);
    }
}
