using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Core.Portfolio.Clustering;

/// <summary>
/// Single linkage in O(n^2) through the minimum spanning tree (Prim's algorithm on the dense distance matrix; Gower and
/// Ross 1969, as scipy's linkage does for 'single'): the merges of single linkage are the tree's edges in increasing
/// length, each joining the two clusters its ends belong to. When every edge length is distinct the merges, their
/// order, their distances and so their cluster ids are exactly those of the greedy closest-pair agglomeration (and the
/// same for every minimum spanning tree, which all share one multiset of lengths); with two equal lengths the order of
/// those merges would depend on tie rules, so <see cref="TryBuild"/> declines and the caller runs the greedy O(n^3)
/// loop, whose tie rule (lower cluster ids first) is the documented one.
/// </summary>
internal static class SingleLinkageTree
{
    /// <summary>Tile edge for the symmetry check: a tile and its mirror stay in L1 while they are compared.</summary>
    private const int Tile = 32;

    /// <summary>The dendrogram, or null when two tree edges have equal length (ties: the caller decides).</summary>
    public static Dendrogram? TryBuild(double[] d, int n)
    {
        // The greedy loop reads the upper triangle only; the tree reads whole rows, so both agree only on a symmetric matrix.
        if (!IsSymmetric(d, n))
        {
            return null;
        }

        var from = new int[n - 1];
        var to = new int[n - 1];
        var rows = new DistanceRows(d, n);
        if (!PrimSpanningTree.Build(n, ref rows, from, to))
        {
            return null;
        }

        var length = new double[n - 1];
        for (var e = 0; e < length.Length; e++)
        {
            length[e] = d[(from[e] * n) + to[e]];
        }

        return FromEdges(n, from, to, length);
    }

    /// <summary>True when d[i, j] == d[j, i] exactly for every pair (compared tile by tile, so the mirror reads stay cached).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsSymmetric(double[] d, int n)
    {
        for (var i0 = 0; i0 < n; i0 += Tile)
        {
            var i1 = Math.Min(n, i0 + Tile);
            for (var j0 = i0; j0 < n; j0 += Tile)
            {
                var j1 = Math.Min(n, j0 + Tile);
                for (var i = i0; i < i1; i++)
                {
                    var row = d.AsSpan(i * n, n);
                    for (var j = Math.Max(j0, i + 1); j < j1; j++)
                    {
                        if (row[j] != d[(j * n) + i])
                        {
                            return false;
                        }
                    }
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The dendrogram of a spanning tree given by its edges (leaf labels 0..n-1) and their lengths, or null when two
    /// lengths are equal. Merges follow the lengths in increasing order; each joins the clusters of the edge's ends.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Dendrogram? FromEdges(int n, int[] from, int[] to, double[] length)
    {
        var order = new int[n - 1];
        for (var e = 0; e < order.Length; e++)
        {
            order[e] = e;
        }

        Array.Sort((double[])length.Clone(), order);
        for (var e = 1; e < order.Length; e++)
        {
            if (!(length[order[e]] > length[order[e - 1]]))
            {
                return null;
            }
        }

        // Union-find over the leaves; each root remembers the cluster id (leaf, or n + step) it currently carries.
        var root = new int[n];
        var clusterOf = new int[n];
        var size = new int[n];
        for (var i = 0; i < n; i++)
        {
            (root[i], clusterOf[i], size[i]) = (i, i, 1);
        }

        var merges = new Merge[n - 1];
        for (var step = 0; step < order.Length; step++)
        {
            var e = order[step];
            var ra = Find(root, from[e]);
            var rb = Find(root, to[e]);
            var (ca, cb) = (clusterOf[ra], clusterOf[rb]);
            var merged = size[ra] + size[rb];
            merges[step] = new Merge(Math.Min(ca, cb), Math.Max(ca, cb), length[e], merged);
            root[rb] = ra;
            size[ra] = merged;
            clusterOf[ra] = n + step;
        }

        return new Dendrogram(n, merges);
    }

    private static int Find(int[] root, int i)
    {
        while (root[i] != i)
        {
            root[i] = root[root[i]];
            i = root[i];
        }

        return i;
    }

    /// <summary>Rows of a flat n x n distance matrix, as they are.</summary>
    private struct DistanceRows(double[] d, int n) : IPrimRows
    {
        private int offset;

        public void Select(int i) => offset = i * n;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly Vector256<double> Load(int k) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(d), (nuint)(offset + k));

        public readonly double At(int k) => d[offset + k];
    }
}
