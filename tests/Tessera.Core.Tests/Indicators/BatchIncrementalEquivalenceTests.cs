using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Indicators;

/// <summary>Batch (whole series) and incremental (one bar at a time) forms of every indicator, both through <see cref="IIndicator"/>, agree to the last bit on real data.</summary>
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
        // Batch: every indicator's batch form (IIndicator.Compute) over the whole series.
        var batch = IndicatorSuite.Compute(s);
        var names = IndicatorSuite.ColumnNames;
        var n = s.Count;
        var inc = new double[names.Count][];
        for (var k = 0; k < inc.Length; k++)
        {
            inc[k] = new double[n];
        }

        // Incremental: the same indicators through the same interface, one closed bar at a time.
        var indicators = IndicatorSuite.Create();
        for (var i = 0; i < n; i++)
        {
            var bar = OhlcvBar.At(s, i);
            var k = 0;
            foreach (var indicator in indicators)
            {
                indicator.Update(bar);
                for (var o = 0; o < indicator.Outputs.Count; o++)
                {
                    inc[k++][i] = indicator.Output(o);
                }
            }
        }

        for (var k = 0; k < names.Count; k++)
        {
            SeriesAssert.BitIdentical(batch[k], inc[k], s.Symbol + "/" + names[k]);
        }
    }
}
