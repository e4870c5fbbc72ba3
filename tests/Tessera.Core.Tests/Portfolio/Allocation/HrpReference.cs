using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Clustering;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Tests.Portfolio.Allocation;

/// <summary>
/// HRP and its parts as they were before the index-map route (commit 78c5be8), kept verbatim in substance as the
/// reference the fast route must match bit for bit: the covariance copied into id order, the full correlation and
/// distance matrices, the distance-matrix single linkage (row-by-row Prim when no merge distances tie, the greedy
/// closest-pair loop otherwise), and the bisection that gathers s[m_a, m_b] per product.
/// </summary>
internal static class HrpReference
{
    /// <summary>The allocator's weights for an unconstrained problem (projection as the allocator applies it).</summary>
    public static double[] Weights(AllocationProblem problem, Linkage linkage = Linkage.Single)
    {
        var cov = problem.ResolveCovariance();
        var constraints = ResolvedConstraints.Resolve("hrp", problem);
        var perm = CanonicalOrder.ById(problem.AssetIds);
        var sorted = cov.Subset(perm);
        var n = sorted.Size;
        var order = Tree(sorted, linkage).LeafOrder();
        var wSorted = Bisect(sorted, order);
        var target = new double[n];
        for (var k = 0; k < n; k++)
        {
            target[perm[k]] = wSorted[k];
        }

        var w = ConstraintProjection.Apply("hrp", target, constraints, []);
        L4Invariants.Enforce("hrp", problem.AssetIds, w);
        return w;
    }

    public static Dendrogram Tree(CovarianceMatrix cov, Linkage linkage) => Build(Distance(cov), cov.Size, linkage);

    /// <summary>CorrelationDistance.FromCorrelation(cov.Correlation(), n) as it was.</summary>
    public static double[] Distance(CovarianceMatrix cov)
    {
        var n = cov.Size;
        var rho = cov.Correlation();
        var d = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                d[(i * n) + j] = i == j ? 0.0 : Math.Sqrt(Math.Max(0.0, 0.5 * (1.0 - rho[(i * n) + j])));
            }
        }

        return d;
    }

    /// <summary>HierarchicalClustering.Build as it was (validation of finite, non-negative distances left out).</summary>
    public static Dendrogram Build(double[] distance, int n, Linkage linkage)
    {
        var d = (double[])distance.Clone();
        if (linkage == Linkage.Single && n > 1 && TryTree(d, n) is { } fast)
        {
            return fast;
        }

        var active = new bool[n];
        Array.Fill(active, true);
        var size = new int[n];
        Array.Fill(size, 1);
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

                for (var j = i + 1; j < n; j++)
                {
                    if (!active[j])
                    {
                        continue;
                    }

                    var v = d[(i * n) + j];
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

    /// <summary>SingleLinkageTree.TryBuild as it was: scalar Prim from vertex 0, first minimum in index order.</summary>
    public static Dendrogram? TryTree(double[] d, int n)
    {
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
            for (var k = 1; k < n; k++)
            {
                if (!inTree[k] && d[(next * n) + k] < best[k])
                {
                    best[k] = d[(next * n) + k];
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

    /// <summary>HierarchicalRiskParityAllocator.Bisect as it was.</summary>
    public static double[] Bisect(CovarianceMatrix cov, int[] order)
    {
        var w = new double[cov.Size];
        Array.Fill(w, 1.0);
        var scratch = new double[order.Length];
        var stack = new Stack<(int Start, int Length)>();
        stack.Push((0, order.Length));
        while (stack.Count > 0)
        {
            var (start, length) = stack.Pop();
            if (length <= 1)
            {
                continue;
            }

            var half = length / 2;
            var left = order.AsSpan(start, half);
            var right = order.AsSpan(start + half, length - half);
            var vl = Variance(cov, left, scratch);
            var vr = Variance(cov, right, scratch);
            var alpha = 1.0 - (vl / (vl + vr));
            foreach (var i in left)
            {
                w[i] *= alpha;
            }

            foreach (var i in right)
            {
                w[i] *= 1.0 - alpha;
            }

            stack.Push((start + half, length - half));
            stack.Push((start, half));
        }

        return w;
    }

    /// <summary>InverseVarianceCluster.Variance on a span of members as it was.</summary>
    public static double Variance(CovarianceMatrix cov, ReadOnlySpan<int> members, Span<double> scratch)
    {
        var values = cov.Values;
        var size = cov.Size;
        var m = members.Length;
        var w = scratch[..m];
        var sum = 0.0;
        for (var a = 0; a < m; a++)
        {
            w[a] = 1.0 / values[(members[a] * size) + members[a]];
            sum += w[a];
        }

        for (var a = 0; a < m; a++)
        {
            w[a] /= sum;
        }

        var v = 0.0;
        for (var a = 0; a < m; a++)
        {
            var wa = w[a];
            var row = values.AsSpan(members[a] * size, size);
            for (var b = 0; b < m; b++)
            {
                v += wa * w[b] * row[members[b]];
            }
        }

        return v;
    }

    /// <summary>True when both arrays hold the same doubles bit for bit.</summary>
    public static bool SameBits(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when both dendrograms have the same merges, distances compared bit for bit.</summary>
    public static bool SameTree(Dendrogram a, Dendrogram b)
    {
        if (a.LeafCount != b.LeafCount || a.Merges.Count != b.Merges.Count)
        {
            return false;
        }

        for (var s = 0; s < a.Merges.Count; s++)
        {
            var (x, y) = (a.Merges[s], b.Merges[s]);
            if (x.Left != y.Left || x.Right != y.Right || x.Size != y.Size || BitConverter.DoubleToInt64Bits(x.Distance) != BitConverter.DoubleToInt64Bits(y.Distance))
            {
                return false;
            }
        }

        return true;
    }

    private static double Ward(double dki, double dkj, double dij, int ni, int nj, int nk)
    {
        var t = ni + nj + nk;
        var v = (((nk + ni) * dki * dki) + ((nk + nj) * dkj * dkj) - (nk * dij * dij)) / t;
        return Math.Sqrt(Math.Max(v, 0.0));
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
