using System.Runtime.CompilerServices;

namespace Tessera.Core.Portfolio.Clustering;

/// <summary>
/// One merge of the agglomeration, in scipy's linkage-matrix convention: clusters 0..n-1 are the
/// leaves, merge s creates cluster n + s from Left &lt; Right at Distance, holding Size leaves.
/// </summary>
public readonly record struct Merge(int Left, int Right, double Distance, int Size);

/// <summary>The result of hierarchical clustering: n - 1 merges in increasing distance.</summary>
public sealed class Dendrogram
{
    public Dendrogram(int leafCount, IReadOnlyList<Merge> merges)
    {
        LeafCount = leafCount;
        Merges = merges;
    }

    public int LeafCount { get; }

    public IReadOnlyList<Merge> Merges { get; }

    /// <summary>Root cluster id (2n - 2), or 0 for a single leaf.</summary>
    public int Root => LeafCount == 1 ? 0 : LeafCount + Merges.Count - 1;

    /// <summary>
    /// Leaves left to right (scipy leaves_list): each merge lists its Left child first. This is
    /// the quasi-diagonal order of HRP.
    /// </summary>
    public int[] LeafOrder() => LeavesOf(Root);

    /// <summary>Leaves under a cluster id, left to right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int[] LeavesOf(int cluster)
    {
        var result = new List<int>();
        var stack = new Stack<int>();
        stack.Push(cluster);
        while (stack.Count > 0)
        {
            var c = stack.Pop();
            if (c < LeafCount)
            {
                result.Add(c);
                continue;
            }

            var m = Merges[c - LeafCount];
            stack.Push(m.Right);
            stack.Push(m.Left);
        }

        return result.ToArray();
    }

    /// <summary>Children of an internal cluster id.</summary>
    public (int Left, int Right) Children(int cluster)
    {
        var m = Merges[cluster - LeafCount];
        return (m.Left, m.Right);
    }

    /// <summary>
    /// Cuts into k clusters by undoing the last k - 1 merges (scipy fcluster "maxclust" on a
    /// monotone tree). Labels 0..k-1 are numbered by first appearance in leaf order.
    /// </summary>
    public int[] Cut(int k)
    {
        k = Math.Clamp(k, 1, LeafCount);
        var roots = CutRoots(k);
        var labels = new int[LeafCount];
        var order = LeafOrder();
        var rootOfLeaf = new int[LeafCount];
        foreach (var r in roots)
        {
            foreach (var leaf in LeavesOf(r))
            {
                rootOfLeaf[leaf] = r;
            }
        }

        var numbering = new Dictionary<int, int>();
        foreach (var leaf in order)
        {
            var r = rootOfLeaf[leaf];
            if (!numbering.TryGetValue(r, out var label))
            {
                label = numbering.Count;
                numbering[r] = label;
            }

            labels[leaf] = label;
        }

        return labels;
    }

    /// <summary>Cluster ids of the k subtrees left when the last k - 1 merges are undone.</summary>
    public List<int> CutRoots(int k)
    {
        k = Math.Clamp(k, 1, LeafCount);
        var roots = new List<int> { Root };
        for (var s = Merges.Count - 1; roots.Count < k && s >= 0; s--)
        {
            var id = LeafCount + s;
            var at = roots.IndexOf(id);
            if (at < 0)
            {
                continue;
            }

            var m = Merges[s];
            roots[at] = m.Left;
            roots.Insert(at + 1, m.Right);
        }

        return roots;
    }
}
