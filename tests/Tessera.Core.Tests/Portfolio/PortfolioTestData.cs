using Tessera.Core.Determinism;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Tests.Portfolio;

/// <summary>Seeded synthetic inputs for the portfolio tests.</summary>
internal static class PortfolioTestData
{
    public static string[] Ids(int n)
    {
        var ids = new string[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = "A" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        }

        return ids;
    }

    /// <summary>Returns from a k-factor model with idiosyncratic noise, column layout.</summary>
    public static double[][] FactorReturns(int assets, int rows, ulong seed, int factors = 3)
    {
        var rng = new DeterministicRandom(seed);
        var loadings = new double[assets, factors];
        for (var i = 0; i < assets; i++)
        {
            for (var f = 0; f < factors; f++)
            {
                loadings[i, f] = (rng.NextDouble() * 1.5) - 0.25;
            }
        }

        var idio = new double[assets];
        for (var i = 0; i < assets; i++)
        {
            idio[i] = 0.005 + (0.02 * rng.NextDouble());
        }

        var columns = new double[assets][];
        for (var i = 0; i < assets; i++)
        {
            columns[i] = new double[rows];
        }

        var f0 = new double[factors];
        for (var t = 0; t < rows; t++)
        {
            for (var f = 0; f < factors; f++)
            {
                f0[f] = 0.01 * rng.NextNormal();
            }

            for (var i = 0; i < assets; i++)
            {
                var r = 0.0003 * (i % 5);
                for (var f = 0; f < factors; f++)
                {
                    r += loadings[i, f] * f0[f];
                }

                columns[i][t] = r + (idio[i] * rng.NextNormal());
            }
        }

        return columns;
    }

    /// <summary>A random positive-definite covariance: B B' + diag(d) from a seeded factor model.</summary>
    public static CovarianceMatrix FactorCovariance(int n, ulong seed, int factors = 5)
    {
        var rng = new DeterministicRandom(seed);
        var b = new double[n, factors];
        for (var i = 0; i < n; i++)
        {
            for (var f = 0; f < factors; f++)
            {
                b[i, f] = 0.01 * rng.NextNormal();
            }
        }

        var values = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = 0.0;
                for (var f = 0; f < factors; f++)
                {
                    s += b[i, f] * b[j, f];
                }

                if (i == j)
                {
                    s += 1e-5 + (4e-4 * rng.NextDouble());
                }

                values[(i * n) + j] = s;
                values[(j * n) + i] = s;
            }
        }

        return new CovarianceMatrix(n, values);
    }

    public static CovarianceMatrix Permute(CovarianceMatrix c, int[] perm)
    {
        var n = c.Size;
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                v[(i * n) + j] = c[perm[i], perm[j]];
            }
        }

        return new CovarianceMatrix(n, v);
    }

    public static T[] Permute<T>(IReadOnlyList<T> x, int[] perm)
    {
        var y = new T[perm.Length];
        for (var i = 0; i < perm.Length; i++)
        {
            y[i] = x[perm[i]];
        }

        return y;
    }

    public static int[] Shuffle(int n, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var perm = new int[n];
        for (var i = 0; i < n; i++)
        {
            perm[i] = i;
        }

        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }

        return perm;
    }

    public static double Sum(double[] x)
    {
        var s = 0.0;
        foreach (var v in x)
        {
            s += v;
        }

        return s;
    }
}
