using Tessera.Core.Determinism;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Bench.Portfolio;

/// <summary>Random positive-definite covariance B B' + D from a seeded 10-factor model (daily scale).</summary>
internal static class SyntheticCovariance
{
    public static CovarianceMatrix Create(int n, ulong seed, int factors = 10)
    {
        var rng = new DeterministicRandom(seed);
        var b = new double[n * factors];
        for (var k = 0; k < b.Length; k++)
        {
            b[k] = 0.004 * rng.NextNormal();
        }

        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = 0.0;
                for (var f = 0; f < factors; f++)
                {
                    s += b[(i * factors) + f] * b[(j * factors) + f];
                }

                if (i == j)
                {
                    s += 4e-5 + (2e-4 * rng.NextDouble());
                }

                v[(i * n) + j] = s;
                v[(j * n) + i] = s;
            }
        }

        return new CovarianceMatrix(n, v);
    }

    public static double[] ExpectedReturns(int n, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var mu = new double[n];
        for (var i = 0; i < n; i++)
        {
            mu[i] = 0.0004 * rng.NextNormal() + 0.0002;
        }

        return mu;
    }

    public static string[] Ids(int n)
    {
        var ids = new string[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = "S" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        }

        return ids;
    }
}
