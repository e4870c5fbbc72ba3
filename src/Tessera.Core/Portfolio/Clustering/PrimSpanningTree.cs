using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Core.Portfolio.Clustering;

/// <summary>Edge weights of a complete graph, one row at a time (smaller = closer); rows must be finite and symmetric.</summary>
internal interface IPrimRows
{
    /// <summary>Selects row i: the calls below give the weights of the edges (i, k) (the entry at k = i is never used).</summary>
    void Select(int i);

    /// <summary>Weights of (i, k) .. (i, k + 3) of the selected row, k + 3 &lt; n.</summary>
    Vector256<double> Load(int k);

    /// <summary>Weight of (i, k) of the selected row.</summary>
    double At(int k);
}

/// <summary>
/// A minimum spanning tree of a dense complete graph by Prim's algorithm, O(n^2): after each vertex joins, one pass over
/// its row both lowers the other vertices' best edge and finds the next vertex to join (Vector256, the joined vertices
/// masked out). Which of several tied candidates joins first is not specified: callers only use trees whose edge
/// lengths are all distinct (then every minimum spanning tree yields the same single-linkage dendrogram).
/// </summary>
internal static class PrimSpanningTree
{
    /// <summary>Fills from[e], to[e] (e = 0..n-2) with the tree's edges in the order they joined; false if a row was not finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Build<TRows>(int n, ref TRows rows, Span<int> from, Span<int> to)
        where TRows : struct, IPrimRows
    {
        if (n < 2)
        {
            return true;
        }

        var best = new double[n];
        var parent = new long[n];
        var alive = new long[n];
        Array.Fill(best, double.PositiveInfinity);
        Array.Fill(alive, -1L);
        var cur = 0;
        alive[0] = 0;
        var width = Vector256<double>.Count;
        var vectorEnd = Vector256.IsHardwareAccelerated ? n - (n % width) : 0;
        for (var e = 0; e < n - 1; e++)
        {
            rows.Select(cur);
            var next = -1;
            var min = double.PositiveInfinity;
            if (vectorEnd > 0)
            {
                (next, min) = Scan(rows, best, parent, alive, cur, vectorEnd);
            }

            for (var k = vectorEnd; k < n; k++)
            {
                if (alive[k] == 0)
                {
                    continue;
                }

                var key = rows.At(k);
                if (key < best[k])
                {
                    best[k] = key;
                    parent[k] = cur;
                }

                if (best[k] < min)
                {
                    (next, min) = (k, best[k]);
                }
            }

            if (next < 0)
            {
                return false;
            }

            from[e] = (int)parent[next];
            to[e] = next;
            alive[next] = 0;
            cur = next;
        }

        return true;
    }

    /// <summary>
    /// The fused row weights, update and arg-min over 0..end (a multiple of the vector width). The rows come by value: a
    /// local copy lets the JIT keep their fields in registers instead of reloading them after every store.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Next, double Min) Scan<TRows>(TRows rows, double[] best, long[] parent, long[] alive, int cur, int end)
        where TRows : struct, IPrimRows
    {
        ref var bestRef = ref MemoryMarshal.GetArrayDataReference(best);
        ref var parentRef = ref MemoryMarshal.GetArrayDataReference(parent);
        ref var aliveRef = ref MemoryMarshal.GetArrayDataReference(alive);
        var curV = Vector256.Create((long)cur);
        var infinity = Vector256.Create(double.PositiveInfinity);
        var minV = infinity;
        var idxV = Vector256.Create(-1L);
        var kV = Vector256.Create(0L, 1L, 2L, 3L);
        var step = Vector256.Create((long)Vector256<double>.Count);
        for (var k = 0; k < end; k += Vector256<double>.Count)
        {
            var mask = Vector256.LoadUnsafe(ref aliveRef, (nuint)k);
            var key = rows.Load(k);
            var b = Vector256.LoadUnsafe(ref bestRef, (nuint)k);
            var lower = Vector256.LessThan(key, b).AsInt64() & mask;
            b = Vector256.ConditionalSelect(lower.AsDouble(), key, b);
            b.StoreUnsafe(ref bestRef, (nuint)k);
            Vector256.ConditionalSelect(lower, curV, Vector256.LoadUnsafe(ref parentRef, (nuint)k)).StoreUnsafe(ref parentRef, (nuint)k);
            var candidate = Vector256.ConditionalSelect(mask.AsDouble(), b, infinity);
            var smaller = Vector256.LessThan(candidate, minV);
            minV = Vector256.ConditionalSelect(smaller, candidate, minV);
            idxV = Vector256.ConditionalSelect(smaller.AsInt64(), kV, idxV);
            kV += step;
        }

        var next = -1;
        var min = double.PositiveInfinity;
        for (var lane = 0; lane < Vector256<double>.Count; lane++)
        {
            if (minV[lane] < min)
            {
                (next, min) = ((int)idxV[lane], minV[lane]);
            }
        }

        return (next, min);
    }
}
