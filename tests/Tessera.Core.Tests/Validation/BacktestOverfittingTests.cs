using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Validation;
using Xunit;

namespace Tessera.Core.Tests.Validation;

public sealed class BacktestOverfittingTests
{
    /// <summary>
    /// Hand-derived CSCV (Bailey, Borwein, Lopez de Prado &amp; Zhu 2017, section 2 procedure) with S = 4 blocks of one
    /// observation and the mean as metric. A = [2, 1, -1, -3] (mean-reverting across blocks), B = 0.1 flat.
    /// IS {0,1}: A best (1.5), OOS {2,3}: A = -2 &lt; 0.1 -> rank 1, omega 1/3, lambda ln(1/2).
    /// IS {0,2}: A (0.5), OOS A = -1 -> overfit.  IS {0,3}: B (A = -0.5), OOS {1,2}: A = 0 &lt; B -> rank 2, lambda ln 2.
    /// IS {1,2}: B, OOS {0,3}: A = -0.5 -> B rank 2.  IS {1,3}: B, OOS {0,2}: A = 0.5 &gt; B -> overfit.
    /// IS {2,3}: B, OOS {0,1}: A = 1.5 -> overfit. PBO = 4/6.
    /// </summary>
    [Fact]
    public void Hand_derived_two_strategy_example()
    {
        var r = BacktestOverfitting.Cscv([[2, 1, -1, -3], [0.1, 0.1, 0.1, 0.1]], blocks: 4, metric: CscvMetric.Mean);
        Assert.Equal(6, r.Splits);
        Assert.Equal(4.0 / 6, r.Pbo, 14);
        Assert.Equal([0, 0, 1, 1, 1, 1], r.SelectedStrategy);
        var lo = Math.Log(0.5);
        var hi = Math.Log(2);
        double[] expected = [lo, lo, hi, hi, lo, lo];
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i], r.Logits[i], 12);
        }
    }

    [Fact]
    public void A_strategy_that_dominates_everywhere_is_never_overfit()
    {
        var rng = new DeterministicRandom(7);
        var strategies = new List<double[]>();
        for (var j = 0; j < 5; j++)
        {
            var r = new double[160];
            for (var t = 0; t < r.Length; t++)
            {
                // Strategy 0 earns a large constant premium over the same noise as everyone else.
                r[t] = (rng.NextDouble() - 0.5) * 0.01;
            }

            strategies.Add(r);
        }

        for (var t = 0; t < 160; t++)
        {
            strategies[0][t] = strategies[1][t] + 0.05;
        }

        var res = BacktestOverfitting.Cscv(strategies, blocks: 8);
        Assert.Equal(70, res.Splits);
        Assert.Equal(0, res.Pbo);
        Assert.All(res.SelectedStrategy, s => Assert.Equal(0, s));
    }

    [Fact]
    public void Pure_noise_strategies_are_overfit_about_half_the_time()
    {
        // With no true skill the in-sample winner is a random draw out of sample (paper, section 3): PBO near 1/2.
        var rng = new DeterministicRandom(42);
        var strategies = new List<double[]>();
        for (var j = 0; j < 20; j++)
        {
            var r = new double[320];
            for (var t = 0; t < r.Length; t++)
            {
                r[t] = rng.NextNormal() * 0.01;
            }

            strategies.Add(r);
        }

        var res = BacktestOverfitting.Cscv(strategies, blocks: 16);
        Assert.Equal(12870, res.Splits);
        Assert.InRange(res.Pbo, 0.3, 0.7);
    }

    [Fact]
    public void Bad_inputs_are_rejected()
    {
        Assert.Throws<TesseraValidationException>(() => BacktestOverfitting.Cscv([[1, 2, 3, 4]], 4));
        Assert.Throws<TesseraValidationException>(() => BacktestOverfitting.Cscv([[1, 2, 3, 4], [1, 2, 3, 4]], 3));
        Assert.Throws<TesseraValidationException>(() => BacktestOverfitting.Cscv([[1, 2, 3, 4], [1, 2, 3]], 2));
        Assert.Throws<TesseraValidationException>(() => BacktestOverfitting.Cscv([[1, double.NaN, 3, 4], [1, 2, 3, 4]], 2));
    }
}
