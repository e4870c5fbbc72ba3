using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Errors;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Backtest.Sizing;

public sealed class PositionSizerTests
{
    [Fact]
    public void Fixed_fraction_is_fraction_of_equity_over_price()
    {
        var data = new MarketData([Flat("A", 3, 40)]);
        Assert.Equal(250, new FixedFractionSizer(0.1).TargetQuantity(new SizingRequest(data, 0, 2, 100_000, 40, Side.Long, 1, 100_000, 100_000)), 12);
        Assert.Throws<TesseraValidationException>(() => new FixedFractionSizer(0));
    }

    [Fact]
    public void Volatility_target_scales_by_target_over_realized()
    {
        // Closes alternate +1% / -1%: returns r = [.01, -.01, .01, -.01] (last four), sample sd = sqrt(4 * .0001 / 3).
        double[] closes = [100, 101, 99.99, 100.9899, 99.980001];
        var bars = closes.Select(c => (c, c, c, c)).ToArray();
        var data = new MarketData([Series("A", bars)]);
        var realized = Math.Sqrt(0.0004 / 3) * Math.Sqrt(252);
        var sizer = new VolatilityTargetSizer(0.10, lookback: 4, maxFraction: 5);
        var q = sizer.TargetQuantity(new SizingRequest(data, 0, 4, 1_000_000, 99.980001, Side.Long, 1, 1_000_000, 1_000_000));
        Assert.Equal(0.10 / realized * 1_000_000 / 99.980001, q, 6);

        // Capped at maxFraction; zero before enough history.
        var capped = new VolatilityTargetSizer(10, 4, maxFraction: 0.5).TargetQuantity(new SizingRequest(data, 0, 4, 1_000_000, 100, Side.Long, 1, 1_000_000, 1_000_000));
        Assert.Equal(5_000, capped, 9);
        Assert.Equal(0, sizer.TargetQuantity(new SizingRequest(data, 0, 2, 1_000_000, 100, Side.Long, 1, 1_000_000, 1_000_000)));
    }

    [Fact]
    public void Kelly_taper_is_linear_between_the_thresholds()
    {
        Assert.Equal(1, FractionalKellySizer.Taper(15, 20, 40));
        Assert.Equal(0.5, FractionalKellySizer.Taper(30, 20, 40), 14);
        Assert.Equal(0, FractionalKellySizer.Taper(45, 20, 40));
        Assert.Equal(0.6, FractionalKellySizer.Taper(0.025, 0.015, 0.04), 12);
    }

    [Fact]
    public void Fractional_kelly_is_a_quarter_of_mu_over_variance_then_tapered_and_capped()
    {
        // Close-only bars (h = l = c): ATR% is the close-to-close move, 1% here, below the 1.5% taper start.
        // Returns alternate +2% / -1%: over 4 returns mu = 0.005, sample var = 4 * 0.015^2 / 3 = 0.0003.
        var closes = new List<double> { 100 };
        for (var i = 0; i < 20; i++)
        {
            closes.Add(closes[^1] * (i % 2 == 0 ? 1.02 : 0.99));
        }

        var data = new MarketData([Series("A", closes.Select(c => (c, c, c, c)).ToArray())]);
        var bar = closes.Count - 1;
        var sizer = new FractionalKellySizer(0.25, lookback: 4, maxFraction: 10);
        var req = new SizingRequest(data, 0, bar, 100_000, closes[^1], Side.Long, 1, 100_000, 100_000);
        var expectedF = 0.25 * 0.005 / 0.0003;
        var atrPct = FractionalKellySizerAtr(closes) / closes[^1];
        var taper = FractionalKellySizer.Taper(atrPct, 0.015, 0.04);
        Assert.Equal(expectedF * taper, sizer.Fraction(req), 9);

        // VIX at 30 halves it; a short with positive drift gets nothing.
        var vix = Enumerable.Repeat(30.0, closes.Count).ToArray();
        Assert.Equal(expectedF * taper * 0.5, new FractionalKellySizer(0.25, 4, 10, vix).Fraction(req), 9);
        Assert.Equal(0, sizer.Fraction(req with { Direction = Side.Short }));

        // Volume is 1,000,000 per bar: the ADV cap is 10,000 shares.
        Assert.True(sizer.TargetQuantity(req with { Equity = 1e12 }) <= 10_000);
    }

    // Wilder ATR(14) of close-only bars: true range = |c_t - c_{t-1}|, SMA seed over the first 14, then RMA.
    private static double FractionalKellySizerAtr(List<double> c)
    {
        var tr = new List<double>();
        for (var i = 1; i < c.Count; i++)
        {
            tr.Add(Math.Abs(c[i] - c[i - 1]));
        }

        var atr = tr.Take(14).Average();
        foreach (var x in tr.Skip(14))
        {
            atr += (x - atr) / 14;
        }

        return atr;
    }
}
