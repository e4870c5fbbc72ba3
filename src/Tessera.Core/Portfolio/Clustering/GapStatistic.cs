using Tessera.Core.Determinism;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Clustering;

/// <summary>Gap(k), its standard error s_k and the chosen k.</summary>
public sealed record GapResult(int ChosenK, double[] Gap, double[] StandardError, double[] LogWithinDispersion);

/// <summary>
/// Gap statistic (Tibshirani, Walther, Hastie 2001) for the number of asset clusters. Points are
/// assets; dispersion W_k = sum_r D_r / (2 n_r) with D_r the sum of squared correlation distances
/// inside cluster r. Reference sets: B draws of the same shape, each row uniform over that row's
/// [min, max] across assets (the "uniform over the range of each feature" null, features = dates),
/// clustered with the same linkage. Chosen k = smallest k with Gap(k) &gt;= Gap(k+1) - s_(k+1).
/// Reference draws come from <see cref="DeterministicRandom"/> with the given seed.
/// </summary>
public static class GapStatistic
{
    public static GapResult Choose(double[][] returns, Linkage linkage, int maxK, int referenceDraws = 10, ulong seed = 20160101)
    {
        var p = returns.Length;
        maxK = Math.Clamp(maxK, 1, p);
        var logW = LogDispersions(returns, linkage, maxK);
        var rng = new DeterministicRandom(seed);
        var n = returns[0].Length;
        var refLog = new double[referenceDraws, maxK];
        var reference = new double[p][];
        for (var j = 0; j < p; j++)
        {
            reference[j] = new double[n];
        }

        for (var b = 0; b < referenceDraws; b++)
        {
            for (var t = 0; t < n; t++)
            {
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                for (var j = 0; j < p; j++)
                {
                    lo = Math.Min(lo, returns[j][t]);
                    hi = Math.Max(hi, returns[j][t]);
                }

                for (var j = 0; j < p; j++)
                {
                    reference[j][t] = lo + ((hi - lo) * rng.NextDouble());
                }
            }

            var w = LogDispersions(reference, linkage, maxK);
            for (var k = 0; k < maxK; k++)
            {
                refLog[b, k] = w[k];
            }
        }

        var gap = new double[maxK];
        var se = new double[maxK];
        for (var k = 0; k < maxK; k++)
        {
            var mean = 0.0;
            for (var b = 0; b < referenceDraws; b++)
            {
                mean += refLog[b, k];
            }

            mean /= referenceDraws;
            var v = 0.0;
            for (var b = 0; b < referenceDraws; b++)
            {
                v += (refLog[b, k] - mean) * (refLog[b, k] - mean);
            }

            gap[k] = mean - logW[k];
            se[k] = Math.Sqrt(v / referenceDraws) * Math.Sqrt(1.0 + (1.0 / referenceDraws));
        }

        var chosen = maxK;
        for (var k = 0; k < maxK - 1; k++)
        {
            if (gap[k] >= gap[k + 1] - se[k + 1])
            {
                chosen = k + 1;
                break;
            }
        }

        return new GapResult(chosen, gap, se, logW);
    }

    /// <summary>log W_k for k = 1..maxK on the correlation distance of the columns.</summary>
    public static double[] LogDispersions(double[][] returns, Linkage linkage, int maxK)
    {
        var p = returns.Length;
        var d = CorrelationDistance.FromCovariance(new SampleCovarianceEstimator().Estimate(returns));
        var tree = HierarchicalClustering.Build(d, p, linkage);
        var result = new double[maxK];
        for (var k = 1; k <= maxK; k++)
        {
            var labels = tree.Cut(k);
            var sums = new double[k];
            var counts = new int[k];
            for (var i = 0; i < p; i++)
            {
                counts[labels[i]]++;
                for (var j = 0; j < p; j++)
                {
                    if (labels[i] == labels[j])
                    {
                        var v = d[(i * p) + j];
                        sums[labels[i]] += v * v;
                    }
                }
            }

            var w = 0.0;
            for (var r = 0; r < k; r++)
            {
                w += sums[r] / (2.0 * counts[r]);
            }

            result[k - 1] = Math.Log(Math.Max(w, 1e-300));
        }

        return result;
    }
}
