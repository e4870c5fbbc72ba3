using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Tests.Portfolio.Allocation;

/// <summary>Covariances that steer HRP down each of its routes: tied correlations, repeated assets, a one-ulp asymmetry, extreme scales.</summary>
internal static class HrpTestCovariances
{
    /// <summary>Unit variances, correlation rho everywhere: every distance is the same double, so every merge ties.</summary>
    public static CovarianceMatrix Equicorrelated(int n, double rho)
    {
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                v[(i * n) + j] = i == j ? 1.0 : rho;
            }
        }

        return new CovarianceMatrix(n, v);
    }

    /// <summary>Blocks of the given sizes, correlation 0.625 inside and 0.125 across, variances powers of two (so the quotients are exact and tie).</summary>
    public static CovarianceMatrix TiedBlocks(params int[] sizes)
    {
        var n = sizes.Sum();
        var block = new int[n];
        var scale = new double[n];
        for (int b = 0, i = 0; b < sizes.Length; b++)
        {
            for (var k = 0; k < sizes[b]; k++, i++)
            {
                block[i] = b;
                scale[i] = Math.ScaleB(1.0, -(i % 3));
            }
        }

        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var rho = i == j ? 1.0 : block[i] == block[j] ? 0.625 : 0.125;
                v[(i * n) + j] = rho * scale[i] * scale[j];
            }
        }

        return new CovarianceMatrix(n, v);
    }

    /// <summary>A factor covariance whose asset 1 appears <paramref name="copies"/> times (identical rows: tied distances to everything else).</summary>
    public static CovarianceMatrix WithRepeatedAsset(int n, ulong seed, int copies)
    {
        var baseCov = PortfolioTestData.FactorCovariance(n, seed);
        var source = new int[n + copies - 1];
        for (var i = 0; i < source.Length; i++)
        {
            source[i] = i < n ? i : 1;
        }

        var m = source.Length;
        var v = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                v[(i * m) + j] = baseCov[source[i], source[j]];
            }
        }

        return new CovarianceMatrix(m, v);
    }

    /// <summary>A factor covariance with s[i, j] moved by one ulp above the diagonal (still valid, no longer exactly symmetric).</summary>
    public static CovarianceMatrix OneUlpAsymmetric(int n, ulong seed, int i, int j)
    {
        var c = PortfolioTestData.FactorCovariance(n, seed);
        var v = (double[])c.Values.Clone();
        v[(i * n) + j] = Math.BitIncrement(v[(i * n) + j]);
        return new CovarianceMatrix(n, v);
    }

    /// <summary>A factor covariance rescaled so the variances span roughly 10^±(2 * exponent).</summary>
    public static CovarianceMatrix Rescaled(int n, ulong seed, double exponent)
    {
        var c = PortfolioTestData.FactorCovariance(n, seed);
        var s = new double[n];
        for (var i = 0; i < n; i++)
        {
            s[i] = Math.Pow(10, exponent * ((2.0 * i / Math.Max(1, n - 1)) - 1.0));
        }

        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                v[(i * n) + j] = c[i, j] * s[i] * s[j];
            }
        }

        // Symmetric by construction only if the products commute exactly; make it so.
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                v[(j * n) + i] = v[(i * n) + j];
            }
        }

        return new CovarianceMatrix(n, v);
    }
}
