using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Core.Portfolio.Clustering;

/// <summary>
/// Single linkage on the correlation distance of a covariance, straight from the covariance: the same dendrogram as
/// <c>HierarchicalClustering.Build(CorrelationDistance.FromCovariance(cov), n, Linkage.Single)</c> without the two n x n
/// matrices (correlation, distance) that route fills. d = sqrt(0.5 (1 - rho)) is a non-increasing function of rho (every
/// rounded step of it is monotone), so a maximum spanning tree on the clamped rho is a minimum spanning tree on d; only
/// its n - 1 edges get their distance, by exactly the scalar formula of CorrelationDistance. Prim reads each row of the
/// covariance once, as it is, in the caller's order; the leaves are then relabelled to the order the dendrogram is for.
/// Declines (null) whenever the distance-matrix route could decide differently: a covariance that is not exactly
/// symmetric (that route's tree then depends on which triangle it reads), volatilities whose products could underflow
/// or overflow (NaN distances), or tied merge distances (the greedy loop's tie rule decides those).
/// </summary>
internal static class CovarianceSingleLinkage
{
    /// <summary>Volatilities inside this range keep every product vol_i vol_j a finite normal number, so no quotient is NaN.</summary>
    private const double MinVolatility = 1e-150;

    private const double MaxVolatility = 1e150;

    /// <summary>
    /// The single-linkage dendrogram of the correlation distance of the covariance reordered by <paramref name="perm"/>
    /// (leaf a = asset perm[a]), or null when the caller must take the distance-matrix route.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Dendrogram? TryBuild(double[] values, int n, ReadOnlySpan<int> perm)
    {
        if (n < 2)
        {
            return null;
        }

        var vol = new double[n];
        for (var i = 0; i < n; i++)
        {
            vol[i] = Math.Sqrt(values[(i * n) + i]);
            if (!(vol[i] >= MinVolatility && vol[i] <= MaxVolatility))
            {
                return null;
            }
        }

        if (!SingleLinkageTree.IsSymmetric(values, n))
        {
            return null;
        }

        var from = new int[n - 1];
        var to = new int[n - 1];
        var rows = new NegatedCorrelationRows(values, vol, n);
        if (!PrimSpanningTree.Build(n, ref rows, from, to))
        {
            return null;
        }

        var leafOf = new int[n];
        for (var a = 0; a < n; a++)
        {
            leafOf[perm[a]] = a;
        }

        var length = new double[n - 1];
        for (var e = 0; e < length.Length; e++)
        {
            var (i, j) = (from[e], to[e]);
            var rho = Math.Clamp(values[(i * n) + j] / (vol[i] * vol[j]), -1.0, 1.0);
            length[e] = Math.Sqrt(Math.Max(0.0, 0.5 * (1.0 - rho)));
            (from[e], to[e]) = (leafOf[i], leafOf[j]);
        }

        return SingleLinkageTree.FromEdges(n, from, to, length);
    }

    /// <summary>Row i of -clamp(s_ik / (vol_i vol_k), -1, 1): the same quotient and clamp as the correlation matrix, negated so that closer is smaller.</summary>
    private struct NegatedCorrelationRows(double[] values, double[] vol, int n) : IPrimRows
    {
        private int offset;
        private double vi;

        public void Select(int i) => (offset, vi) = (i * n, vol[i]);

        /// <summary>No NaN can occur (volatility range checked), so the native min/max equal Math.Clamp here.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly Vector256<double> Load(int k)
        {
            var s = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(values), (nuint)(offset + k));
            var rho = s / (Vector256.Create(vi) * Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(vol), (nuint)k));
            return -Vector256.MaxNative(Vector256.MinNative(rho, Vector256<double>.One), Vector256.Create(-1.0));
        }

        public readonly double At(int k) => -Math.Clamp(values[offset + k] / (vi * vol[k]), -1.0, 1.0);
    }
}
