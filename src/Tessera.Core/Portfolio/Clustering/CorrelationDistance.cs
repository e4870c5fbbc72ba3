using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Clustering;

/// <summary>
/// d_ij = sqrt(0.5 (1 - rho_ij)) (Lopez de Prado 2016): a metric on correlations, 0 for rho = 1,
/// 1 for rho = -1. Flat row-major n x n.
/// </summary>
public static class CorrelationDistance
{
    public static double[] FromCorrelation(double[] rho, int n)
    {
        var d = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                d[(i * n) + j] = i == j ? 0.0 : Of(rho[(i * n) + j]);
            }
        }

        return d;
    }

    /// <summary>
    /// FromCorrelation(covariance.Correlation(), n) in one pass without the correlation matrix: per entry the same
    /// quotient s_ij / (vol_i vol_j), clamp, and distance (IEEE division and square root are exact to the bit in
    /// Vector256 as in scalar code, so every entry is the same double); an entry whose quotient is NaN goes through the
    /// scalar Math.Clamp/Math.Max, whose NaN rules the vector min/max do not share.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] FromCovariance(CovarianceMatrix covariance)
    {
        var n = covariance.Size;
        var values = covariance.Values;
        var vol = covariance.Volatilities();
        var d = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            var row = values.AsSpan(i * n, n);
            var output = d.AsSpan(i * n, n);
            var vi = vol[i];
            var j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                j = VectorRow(row, vol, vi, output);
            }

            for (; j < n; j++)
            {
                output[j] = Of(Math.Clamp(row[j] / (vi * vol[j]), -1.0, 1.0));
            }

            output[i] = 0.0;
        }

        return d;
    }

    public static double[] FromReturns(double[][] returns) => FromCovariance(new SampleCovarianceEstimator().Estimate(returns));

    private static double Of(double rho) => Math.Sqrt(Math.Max(0.0, 0.5 * (1.0 - rho)));

    /// <summary>The vector part of one row; returns where the scalar tail starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int VectorRow(ReadOnlySpan<double> row, double[] vol, double vi, Span<double> output)
    {
        var n = row.Length;
        ref var rowRef = ref MemoryMarshal.GetReference(row);
        ref var volRef = ref MemoryMarshal.GetArrayDataReference(vol);
        ref var outRef = ref MemoryMarshal.GetReference(output);
        var viV = Vector256.Create(vi);
        var one = Vector256.Create(1.0);
        var minusOne = Vector256.Create(-1.0);
        var half = Vector256.Create(0.5);
        var j = 0;
        for (; j <= n - Vector256<double>.Count; j += Vector256<double>.Count)
        {
            var q = Vector256.LoadUnsafe(ref rowRef, (nuint)j) / (viV * Vector256.LoadUnsafe(ref volRef, (nuint)j));
            if (Vector256.EqualsAll(q, q))
            {
                // rho <= 1 after the clamp, so 0.5 (1 - rho) >= +0 and Math.Max(0, .) is the identity here.
                var rho = Vector256.MaxNative(Vector256.MinNative(q, one), minusOne);
                Vector256.Sqrt(half * (one - rho)).StoreUnsafe(ref outRef, (nuint)j);
            }
            else
            {
                for (var t = j; t < j + Vector256<double>.Count; t++)
                {
                    output[t] = Of(Math.Clamp(row[t] / (vi * vol[t]), -1.0, 1.0));
                }
            }
        }

        return j;
    }
}
