using Tessera.Core.Errors;

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

    /// <summary>As <see cref="Build(double[], int, Linkage)"/>; <paramref name="allowSpanningTree"/> false forces the greedy loop (tests compare the two).</summary>
    internal static Dendrogram Build(double[] distance, int n, Linkage linkage, bool allowSpanningTree)
    {
        if (distance is null || distance.Length != n * n || n < 1)
        {
            throw new TesseraValidationException("distance", PortfolioInputValidation.Str(distance?.Length ?? 0) + " values", "a square n x n distance matrix is required");
        }

        var d = (double[])distance.Clone();
        for (var k = 0; k < d.Length; k++)
        {
            if (!double.IsFinite(d[k]) || d[k] < 0)
            {
                throw new TesseraValidationException("distance", PortfolioInputValidation.Str(d[k]), "distances must be finite and non-negative");
            }
        }

        // Single linkage: the O(n^2) spanning-tree route gives the identical dendrogram whenever no two merge distances
        // tie; with ties the greedy loop below decides them by its rule.
        if (allowSpanningTree && linkage == Linkage.Single && n > 1 && SingleLinkageTree.TryBuild(d, n) is { } fast)
        {
            return fast;
        }

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

    private static double Ward(double dki, double dkj, double dij, int ni, int nj, int nk)
    {
        var t = ni + nj + nk;
        var v = (((nk + ni) * dki * dki) + ((nk + nj) * dkj * dkj) - (nk * dij * dij)) / t;
        return Math.Sqrt(Math.Max(v, 0.0));
    }
}
