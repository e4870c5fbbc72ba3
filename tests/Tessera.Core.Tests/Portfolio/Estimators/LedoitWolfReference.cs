using Tessera.Core.Portfolio;

namespace Tessera.Core.Tests.Portfolio.Estimators;

/// <summary>
/// The Ledoit-Wolf estimator as it was before the packed X'X kernel (commit 78c5be8), kept as the bit-for-bit reference:
/// a centered copy, one <see cref="VectorMath.Dot"/> per pair, and the same scalar loops for S / n, the norms, the
/// fourth moment and the shrunk matrix.
/// </summary>
internal static class LedoitWolfReference
{
    public static (double[] Sigma, double Shrinkage) Estimate(double[][] returns)
    {
        var p = returns.Length;
        var n = returns[0].Length;
        var centered = new double[p][];
        for (var j = 0; j < p; j++)
        {
            var col = returns[j];
            var sum = 0.0;
            for (var t = 0; t < n; t++)
            {
                sum += col[t];
            }

            var mean = sum / n;
            centered[j] = new double[n];
            for (var t = 0; t < n; t++)
            {
                centered[j][t] = col[t] - mean;
            }
        }

        var s = new double[p * p];
        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b < p; b++)
            {
                s[(a * p) + b] = VectorMath.Dot(centered[a], centered[b]);
            }
        }

        for (var k = 0; k < s.Length; k++)
        {
            s[k] /= n;
        }

        var trace = 0.0;
        for (var i = 0; i < p; i++)
        {
            trace += s[(i * p) + i];
        }

        var mu = trace / p;
        var frobS = 0.0;
        var frobShift = 0.0;
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                var v = s[(i * p) + j];
                frobS += v * v;
                var d = i == j ? v - mu : v;
                frobShift += d * d;
            }
        }

        var delta = frobShift / p;
        var norms = new double[n];
        for (var j = 0; j < p; j++)
        {
            for (var t = 0; t < n; t++)
            {
                norms[t] += centered[j][t] * centered[j][t];
            }
        }

        var fourth = 0.0;
        for (var t = 0; t < n; t++)
        {
            fourth += norms[t] * norms[t];
        }

        var beta = ((fourth / n) - frobS) / (p * (double)n);
        var shrinkage = beta == 0 || delta == 0 ? 0.0 : Math.Min(beta, delta) / delta;
        var sigma = new double[p * p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                sigma[(i * p) + j] = (1 - shrinkage) * s[(i * p) + j];
            }

            sigma[(i * p) + i] += shrinkage * mu;
        }

        return (sigma, shrinkage);
    }

    /// <summary>Random columns of daily-return magnitude (seeded), some with a common factor so the matrix is not diagonal.</summary>
    public static double[][] Columns(int p, int n, int seed)
    {
        var rng = new Random(seed);
        var factor = new double[n];
        for (var t = 0; t < n; t++)
        {
            factor[t] = (rng.NextDouble() - 0.5) * 0.02;
        }

        var columns = new double[p][];
        for (var j = 0; j < p; j++)
        {
            columns[j] = new double[n];
            for (var t = 0; t < n; t++)
            {
                columns[j][t] = (j % 3 == 0 ? factor[t] : 0.0) + ((rng.NextDouble() - 0.5) * 0.02);
            }
        }

        return columns;
    }

    public static void AssertBitIdentical(double[] expected, double[] actual)
    {
        Xunit.Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[k]) != BitConverter.DoubleToInt64Bits(actual[k]))
            {
                Xunit.Assert.Fail($"entry {k}: expected {expected[k]:R}, got {actual[k]:R}");
            }
        }
    }
}
