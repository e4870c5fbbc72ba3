using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Indicators;

/// <summary>Batch (span) and incremental (one bar at a time) forms agree to the last bit on real data.</summary>
public class BatchIncrementalEquivalenceTests
{
    [SharedDataFact("sp500-daily-2013-2018.csv.gz")]
    public void Every_indicator_is_bit_identical_on_every_SP500_symbol()
    {
        var universe = SpDailyData.All;
        Assert.True(universe.Count >= 500, $"expected ~505 symbols, got {universe.Count}");
        var bars = 0;
        foreach (var series in universe)
        {
            AssertSeries(series);
            bars += series.Count;
        }

        Assert.True(bars > 600_000, $"bars {bars}");
    }

    [Fact]
    public void Every_indicator_is_bit_identical_on_a_synthetic_random_walk()
    {
        var rng = new Tessera.Core.Determinism.DeterministicRandom(42);
        const int n = 2000;
        var ts = new long[n];
        var o = new double[n];
        var h = new double[n];
        var l = new double[n];
        var c = new double[n];
        var v = new double[n];
        var price = 100.0;
        for (var i = 0; i < n; i++)
        {
            ts[i] = i * 86_400_000L;
            o[i] = price;
            price *= Math.Exp(0.02 * (rng.NextDouble() - 0.5));
            c[i] = price;
            h[i] = Math.Max(o[i], c[i]) * (1 + (0.01 * rng.NextDouble()));
            l[i] = Math.Min(o[i], c[i]) * (1 - (0.01 * rng.NextDouble()));
            v[i] = Math.Floor(1e5 * rng.NextDouble());
        }

        AssertSeries(new BarSeries("SYN", ts, o, h, l, c, v));
    }

    private static void AssertSeries(BarSeries s)
    {
        var batch = IndicatorSuite.Compute(s);
        var names = IndicatorSuite.ColumnNames;
        var n = s.Count;
        var inc = new double[names.Count][];
        for (var k = 0; k < inc.Length; k++)
        {
            inc[k] = new double[n];
        }

        var sma20 = new Sma(20);
        var sma50 = new Sma(50);
        var sma200 = new Sma(200);
        var ema20 = new Ema(20);
        var vwma = new Vwma(20);
        var rsi14 = new Rsi(14);
        var rsi2 = new Rsi(2);
        var atr = new Atr(14);
        var adx = new Adx(14);
        var macd = new Macd();
        var bb = new Bollinger();
        var vwap = new Vwap(VwapAnchor.Rolling, 20);
        var don = new Donchian(20);
        var ibs = new Ibs();
        var ich = new Ichimoku();
        var roc = new RateOfChange(12);
        var mom = new Momentum();
        var dd = new DownsideDeviation(252);
        var rv = new RealizedVolatility(20);
        var z = new RollingZScore(20);
        var pe = new PermutationEntropy();
        for (var i = 0; i < n; i++)
        {
            double hi = s.High[i], lo = s.Low[i], cl = s.Close[i], vo = s.Volume[i];
            var k = 0;
            inc[k++][i] = sma20.Update(cl);
            inc[k++][i] = sma50.Update(cl);
            inc[k++][i] = sma200.Update(cl);
            inc[k++][i] = ema20.Update(cl);
            inc[k++][i] = vwma.Update(cl, vo);
            inc[k++][i] = rsi14.Update(cl);
            inc[k++][i] = rsi2.Update(cl);
            inc[k++][i] = atr.Update(hi, lo, cl);
            inc[k++][i] = adx.Update(hi, lo, cl);
            inc[k++][i] = adx.PlusDi;
            inc[k++][i] = adx.MinusDi;
            inc[k++][i] = macd.Update(cl);
            inc[k++][i] = macd.Signal;
            inc[k++][i] = macd.Histogram;
            bb.Update(cl);
            inc[k++][i] = bb.Middle;
            inc[k++][i] = bb.Upper;
            inc[k++][i] = bb.Lower;
            inc[k++][i] = bb.PercentB;
            inc[k++][i] = vwap.Update(s.Timestamps[i], hi, lo, cl, vo);
            inc[k++][i] = vwap.Deviation;
            inc[k++][i] = don.Update(hi, lo);
            inc[k++][i] = don.Lower;
            inc[k++][i] = don.Middle;
            inc[k++][i] = ibs.Update(hi, lo, cl);
            inc[k++][i] = ich.Update(hi, lo);
            inc[k++][i] = ich.Kijun;
            inc[k++][i] = ich.SenkouA;
            inc[k++][i] = ich.SenkouB;
            inc[k++][i] = roc.Update(cl);
            inc[k++][i] = mom.Update(cl);
            inc[k++][i] = dd.Update(cl);
            inc[k++][i] = rv.Update(cl);
            inc[k++][i] = z.Update(cl);
            inc[k][i] = pe.Update(cl);
        }

        for (var k = 0; k < names.Count; k++)
        {
            SeriesAssert.BitIdentical(batch[k], inc[k], s.Symbol + "/" + names[k]);
        }
    }
}
