namespace Tessera.Core.Portfolio.Clustering;

/// <summary>
/// Single linkage in O(n^2) through the minimum spanning tree (Prim's algorithm on the dense distance matrix; Gower and
/// Ross 1969, as scipy's linkage does for 'single'): the merges of single linkage are the tree's edges in increasing
/// length, each joining the two clusters its ends belong to. When every edge length is distinct the merges, their
/// order, their distances and so their cluster ids are exactly those of the greedy closest-pair agglomeration; with
/// two equal lengths the order of those merges would depend on tie rules, so <see cref="TryBuild"/> declines and the
/// caller runs the greedy O(n^3) loop, whose tie rule (lower cluster ids first) is the documented one.
/// </summary>
internal static class SingleLinkageTree
{
    /// <summary>The dendrogram, or null when two tree edges have equal length (ties: the caller decides).</summary>
    public static Dendrogram? TryBuild(double[] d, int n)
    {
        // The greedy loop reads the upper triangle only; the tree reads whole rows, so both agree only on a symmetric matrix.
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (d[(i * n) + j] != d[(j * n) + i])
                {
                    return null;
                }
            }
        }

        var from = new int[n - 1];
        var to = new int[n - 1];
        var length = new double[n - 1];
        var inTree = new bool[n];
        var best = new double[n];
        var parent = new int[n];
        inTree[0] = true;
        for (var k = 1; k < n; k++)
        {
            best[k] = d[k];
            parent[k] = 0;
        }

        for (var e = 0; e < n - 1; e++)
        {
            var next = -1;
            var min = double.PositiveInfinity;
            for (var k = 1; k < n; k++)
            {
                if (!inTree[k] && (next < 0 || best[k] < min))
                {
                    (next, min) = (k, best[k]);
                }
            }

            inTree[next] = true;
            (from[e], to[e], length[e]) = (parent[next], next, min);
            var row = d.AsSpan(next * n, n);
            for (var k = 1; k < n; k++)
            {
                if (!inTree[k] && row[k] < best[k])
                {
                    best[k] = row[k];
                    parent[k] = next;
                }
            }
        }

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

        var merges = new List<Merge>(n - 1);
        for (var step = 0; step < order.Length; step++)
        {
            var e = order[step];
            var ra = Find(root, from[e]);
            var rb = Find(root, to[e]);
            var (ca, cb) = (clusterOf[ra], clusterOf[rb]);
            var merged = size[ra] + size[rb];
            merges.Add(new Merge(Math.Min(ca, cb), Math.Max(ca, cb), length[e], merged));
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
}
