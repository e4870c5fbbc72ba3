using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Clustering;

/// <summary>
/// Agglomerative clustering with the Lance-Williams update (same merges as scipy.cluster.hierarchy
/// .linkage for single, complete, average and Ward on a distance matrix; Ward uses scipy's update
/// on distances: d(k, ij) = sqrt(((n_k + n_i) d_ki^2 + (n_k + n_j) d_kj^2 - n_k d_ij^2) / (n_i + n_j + n_k))).
/// Single linkage without tied merge distances goes through the minimum spanning tree in O(n^2) (SingleLinkageTree);
/// everything else is greedy closest-pair merging, O(n^3) time on a flat n x n matrix (505 assets: a few hundred
/// million comparisons, well under a second). Ties break on the lower cluster ids.
/// </summary>
public static class HierarchicalClustering
{
    public static Dendrogram Build(double[] distance, int n, Linkage linkage) => Build(distance, n, linkage, allowSpanningTree: true);

    /// <summary>
    /// The dendrogram of the correlation distance of <paramref name="covariance"/> (CorrelationDistance.FromCovariance),
    /// exactly as <see cref="Build(double[], int, Linkage)"/> on that matrix. Single linkage goes straight from the
    /// covariance to the spanning tree (CovarianceSingleLinkage) when it can, without forming the n x n distances.
    /// </summary>
    public static Dendrogram BuildFromCovariance(CovarianceMatrix covariance, Linkage linkage)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        var n = covariance.Size;
        var identity = new int[n];
        for (var i = 0; i < n; i++)
        {
            identity[i] = i;
        }

        return BuildFromCovariance(covariance, identity, linkage);
    }

    /// <summary>
    /// As <see cref="BuildFromCovariance(CovarianceMatrix, Linkage)"/> for the covariance reordered by <paramref name="perm"/>
    /// (leaf a = asset perm[a], i.e. covariance.Subset(perm)), without copying the reordered matrix on the spanning-tree route.
    /// </summary>
    internal static Dendrogram BuildFromCovariance(CovarianceMatrix covariance, int[] perm, Linkage linkage)
    {
        var n = covariance.Size;
        if (n == 1)
        {
            return new Dendrogram(1, []);
        }

        if (linkage == Linkage.Single && CovarianceSingleLinkage.TryBuild(covariance.Values, n, perm) is { } fast)
        {
            return fast;
        }

        var reordered = IsIdentity(perm) ? covariance : covariance.Subset(perm);
        return Build(CorrelationDistance.FromCovariance(reordered), n, linkage);
    }

    private static bool IsIdentity(int[] perm)
    {
        for (var i = 0; i < perm.Length; i++)
        {
            if (perm[i] != i)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>As <see cref="Build(double[], int, Linkage)"/>; <paramref name="allowSpanningTree"/> false forces the greedy loop (tests compare the two).</summary>
    internal static Dendrogram Build(double[] distance, int n, Linkage linkage, bool allowSpanningTree)
    {
        if (distance is null || distance.Length != n * n || n < 1)
        {
            throw new TesseraValidationException("distance", PortfolioInputValidation.Str(distance?.Length ?? 0) + " values", "a square n x n distance matrix is required");
        }

        RequireFiniteNonNegative(distance);

        // Single linkage: the O(n^2) spanning-tree route gives the identical dendrogram whenever no two merge distances
        // tie; with ties the greedy loop below decides them by its rule. The tree only reads the matrix, so the copy the
        // greedy loop updates is made after it declines.
        if (allowSpanningTree && linkage == Linkage.Single && n > 1 && SingleLinkageTree.TryBuild(distance, n) is { } fast)
        {
            return fast;
        }

        var d = (double[])distance.Clone();
        var active = new bool[n];
        Array.Fill(active, true);
        var size = new int[n];
        Array.Fill(size, 1);

        // Slot i holds the cluster id currently stored in row/column i of d.
        var idOfSlot = new int[n];
        for (var i = 0; i < n; i++)
        {
            idOfSlot[i] = i;
        }

        var merges = new List<Merge>(Math.Max(0, n - 1));
        for (var step = 0; step < n - 1; step++)
        {
            var best = double.PositiveInfinity;
            int bi = -1, bj = -1;
            int bestLow = int.MaxValue, bestHigh = int.MaxValue;
            for (var i = 0; i < n; i++)
            {
                if (!active[i])
                {
                    continue;
                }

                var row = d.AsSpan(i * n, n);
                for (var j = i + 1; j < n; j++)
                {
                    if (!active[j])
                    {
                        continue;
                    }

                    var v = row[j];
                    if (v > best)
                    {
                        continue;
                    }

                    var low = Math.Min(idOfSlot[i], idOfSlot[j]);
                    var high = Math.Max(idOfSlot[i], idOfSlot[j]);
                    if (v < best || low < bestLow || (low == bestLow && high < bestHigh))
                    {
                        (best, bi, bj, bestLow, bestHigh) = (v, i, j, low, high);
                    }
                }
            }

            var ni = size[bi];
            var nj = size[bj];
            var dij = d[(bi * n) + bj];
            for (var k = 0; k < n; k++)
            {
                if (!active[k] || k == bi || k == bj)
                {
                    continue;
                }

                var dki = d[(k * n) + bi];
                var dkj = d[(k * n) + bj];
                var updated = linkage switch
                {
                    Linkage.Single => Math.Min(dki, dkj),
                    Linkage.Complete => Math.Max(dki, dkj),
                    Linkage.Average => ((ni * dki) + (nj * dkj)) / (ni + nj),
                    _ => Ward(dki, dkj, dij, ni, nj, size[k]),
                };
                d[(k * n) + bi] = updated;
                d[(bi * n) + k] = updated;
            }

            merges.Add(new Merge(bestLow, bestHigh, best, ni + nj));
            active[bj] = false;
            size[bi] = ni + nj;
            idOfSlot[bi] = n + step;
        }

        return new Dendrogram(n, merges);
    }

    /// <summary>Throws on the first entry (in storage order) that is not finite or is negative; one vectorised pass when all are fine.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RequireFiniteNonNegative(double[] d)
    {
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var zero = Vector256<double>.Zero;
            var max = Vector256.Create(double.MaxValue);
            var ok = Vector256<double>.AllBitsSet;
            for (; k <= d.Length - Vector256<double>.Count; k += Vector256<double>.Count)
            {
                // Both comparisons are false for NaN; the second is false for +infinity, the first for negatives and -infinity.
                var v = Vector256.Create<double>(d.AsSpan(k, Vector256<double>.Count));
                ok &= Vector256.GreaterThanOrEqual(v, zero) & Vector256.LessThanOrEqual(v, max);
            }

            if (ok == Vector256<double>.AllBitsSet)
            {
                Check(d, k, d.Length);
                return;
            }

            k = 0;
        }

        Check(d, k, d.Length);

        static void Check(double[] d, int start, int end)
        {
            for (var k = start; k < end; k++)
            {
                if (!double.IsFinite(d[k]) || d[k] < 0)
                {
                    throw new TesseraValidationException("distance", PortfolioInputValidation.Str(d[k]), "distances must be finite and non-negative");
                }
            }
        }
    }

    private static double Ward(double dki, double dkj, double dij, int ni, int nj, int nk)
    {
        var t = ni + nj + nk;
        var v = (((nk + ni) * dki * dki) + ((nk + nj) * dkj * dkj) - (nk * dij * dij)) / t;
        return Math.Sqrt(Math.Max(v, 0.0));
    }
}
