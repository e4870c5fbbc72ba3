using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Core.Portfolio.Estimators;

/// <summary>
/// X'X of column-layout data, four columns against four (then two) at a time: each loaded vector of a column feeds several dot
/// products, so a 1,258 x 468 product streams each column a quarter as often as one dot product per pair does (the
/// per-pair loop was bound by memory traffic, not arithmetic). Every entry is summed exactly as
/// <see cref="VectorMath.Dot"/> sums it (one vector accumulator per pair over the same elements in the same order,
/// then <see cref="Vector.Sum{T}(Vector{T})"/>, then the scalar tail), so the result is bit-identical to the
/// per-pair loop; no fused multiply-add, as the per-pair loop has none.
/// </summary>
internal static class CrossProductKernel
{
    private const int L2BlockBytes = 384 * 1024;

    public static double[] Compute(double[][] columns)
    {
        var p = columns.Length;
        var values = new double[p * p];
        var n = columns[0].Length;
        if (!Vector.IsHardwareAccelerated || n < Vector<double>.Count * 2)
        {
            PerPair(columns, values, 0, p);
            return values;
        }

        // The 4x4 tiles cover pairs (i, j) with i and j multiples of 4, j >= i, below p4; they run block by block of
        // columns j, so a block (about 384 KB of columns) stays in L2 while every panel of four columns i passes over it
        // (column by column order streamed all the later columns from L3 for every panel). Each tile still sums its
        // pairs over every row in one go, so the order of operations per entry, and the result, are unchanged.
        var p4 = p - (p % 4);
        var block = Math.Max(4, (L2BlockBytes / (n * sizeof(double))) & ~3);
        for (var jb = 0; jb < p4; jb += block)
        {
            var jEnd = Math.Min(jb + block, p4);
            for (var i = 0; i < jEnd; i += 4)
            {
                for (var j = Math.Max(i, jb); j < jEnd; j += 4)
                {
                    Tile4x4(columns, values, p, i, j);
                }
            }
        }

        for (var i = 0; i < p4; i += 4)
        {
            // The columns beyond the last full four: two at a time, then one (the tiles at j = i covered pairs below
            // the diagonal too, which symmetry makes equal to their mirror: a * b == b * a bit for bit).
            var j = p4;
            for (; j + 2 <= p; j += 2)
            {
                Tile4x2(columns, values, p, i, j);
            }

            for (; j < p; j++)
            {
                for (var a = i; a < i + 4; a++)
                {
                    Store(values, p, a, j, VectorMath.Dot(columns[a], columns[j]));
                }
            }
        }

        PerPair(columns, values, p4, p);
        return values;
    }

    private static void PerPair(double[][] columns, double[] values, int from, int p)
    {
        for (var a = from; a < p; a++)
        {
            for (var b = a; b < p; b++)
            {
                Store(values, p, a, b, VectorMath.Dot(columns[a], columns[b]));
            }
        }
    }

    private static void Store(double[] values, int p, int a, int b, double s)
    {
        values[(a * p) + b] = s;
        values[(b * p) + a] = s;
    }

    /// <summary>
    /// The main tile: pairs (i..i+3) x (j..j+3), sixteen accumulators; each step loads eight vectors for sixteen
    /// products (the 4x2 tile loads six for eight), so the loop is bound by the multiplies and adds rather than by
    /// the loads from L2 (a 1,258-row column is 10 KB, so four of them do not stay in L1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4(double[][] columns, double[] values, int p, int i, int j)
    {
        // Every column has the same length (checked by the callers' shape validation), so one block count bounds all
        // eight; the loads go through refs to keep bounds checks out of the inner loop.
        var blocks = columns[i].Length / Vector<double>.Count;
        ref var a0 = ref Base(columns[i]);
        ref var a1 = ref Base(columns[i + 1]);
        ref var a2 = ref Base(columns[i + 2]);
        ref var a3 = ref Base(columns[i + 3]);
        ref var b0 = ref Base(columns[j]);
        ref var b1 = ref Base(columns[j + 1]);
        ref var b2 = ref Base(columns[j + 2]);
        ref var b3 = ref Base(columns[j + 3]);
        for (var c = i; c < i + 4; c++)
        {
            if (columns[c].Length != columns[i].Length || columns[j + c - i].Length != columns[i].Length)
            {
                throw new ArgumentException("every column of the cross product must have the same length", nameof(columns));
            }
        }

        Vector<double> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector<double> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector<double> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector<double> s30 = default, s31 = default, s32 = default, s33 = default;
        for (var k = 0; k < blocks; k++)
        {
            var x0 = Unsafe.Add(ref b0, k);
            var x1 = Unsafe.Add(ref b1, k);
            var x2 = Unsafe.Add(ref b2, k);
            var x3 = Unsafe.Add(ref b3, k);
            var v = Unsafe.Add(ref a0, k);
            s00 += v * x0;
            s01 += v * x1;
            s02 += v * x2;
            s03 += v * x3;
            v = Unsafe.Add(ref a1, k);
            s10 += v * x0;
            s11 += v * x1;
            s12 += v * x2;
            s13 += v * x3;
            v = Unsafe.Add(ref a2, k);
            s20 += v * x0;
            s21 += v * x1;
            s22 += v * x2;
            s23 += v * x3;
            v = Unsafe.Add(ref a3, k);
            s30 += v * x0;
            s31 += v * x1;
            s32 += v * x2;
            s33 += v * x3;
        }

        // Horizontal sums first, with no call in between: every vector register is caller-saved, so accumulators still
        // live at the calls below would be spilled, and the register allocator put those spills inside the loop.
        var tail = blocks * Vector<double>.Count;
        double t00 = Vector.Sum(s00), t01 = Vector.Sum(s01), t02 = Vector.Sum(s02), t03 = Vector.Sum(s03);
        double t10 = Vector.Sum(s10), t11 = Vector.Sum(s11), t12 = Vector.Sum(s12), t13 = Vector.Sum(s13);
        double t20 = Vector.Sum(s20), t21 = Vector.Sum(s21), t22 = Vector.Sum(s22), t23 = Vector.Sum(s23);
        double t30 = Vector.Sum(s30), t31 = Vector.Sum(s31), t32 = Vector.Sum(s32), t33 = Vector.Sum(s33);
        Store(values, p, i, j, Tail(t00, columns[i], columns[j], tail));
        Store(values, p, i, j + 1, Tail(t01, columns[i], columns[j + 1], tail));
        Store(values, p, i, j + 2, Tail(t02, columns[i], columns[j + 2], tail));
        Store(values, p, i, j + 3, Tail(t03, columns[i], columns[j + 3], tail));
        Store(values, p, i + 1, j, Tail(t10, columns[i + 1], columns[j], tail));
        Store(values, p, i + 1, j + 1, Tail(t11, columns[i + 1], columns[j + 1], tail));
        Store(values, p, i + 1, j + 2, Tail(t12, columns[i + 1], columns[j + 2], tail));
        Store(values, p, i + 1, j + 3, Tail(t13, columns[i + 1], columns[j + 3], tail));
        Store(values, p, i + 2, j, Tail(t20, columns[i + 2], columns[j], tail));
        Store(values, p, i + 2, j + 1, Tail(t21, columns[i + 2], columns[j + 1], tail));
        Store(values, p, i + 2, j + 2, Tail(t22, columns[i + 2], columns[j + 2], tail));
        Store(values, p, i + 2, j + 3, Tail(t23, columns[i + 2], columns[j + 3], tail));
        Store(values, p, i + 3, j, Tail(t30, columns[i + 3], columns[j], tail));
        Store(values, p, i + 3, j + 1, Tail(t31, columns[i + 3], columns[j + 1], tail));
        Store(values, p, i + 3, j + 2, Tail(t32, columns[i + 3], columns[j + 2], tail));
        Store(values, p, i + 3, j + 3, Tail(t33, columns[i + 3], columns[j + 3], tail));
    }

    private static ref Vector<double> Base(double[] column) => ref Unsafe.As<double, Vector<double>>(ref MemoryMarshal.GetArrayDataReference(column));

    private static void Tile4x2(double[][] columns, double[] values, int p, int i, int j)
    {
        var a0 = MemoryMarshal.Cast<double, Vector<double>>(columns[i].AsSpan());
        var a1 = MemoryMarshal.Cast<double, Vector<double>>(columns[i + 1].AsSpan());
        var a2 = MemoryMarshal.Cast<double, Vector<double>>(columns[i + 2].AsSpan());
        var a3 = MemoryMarshal.Cast<double, Vector<double>>(columns[i + 3].AsSpan());
        var b0 = MemoryMarshal.Cast<double, Vector<double>>(columns[j].AsSpan());
        var b1 = MemoryMarshal.Cast<double, Vector<double>>(columns[j + 1].AsSpan());
        Vector<double> s00 = default, s01 = default, s10 = default, s11 = default, s20 = default, s21 = default, s30 = default, s31 = default;
        var blocks = a0.Length;
        for (var k = 0; k < blocks; k++)
        {
            var x0 = b0[k];
            var x1 = b1[k];
            var v = a0[k];
            s00 += v * x0;
            s01 += v * x1;
            v = a1[k];
            s10 += v * x0;
            s11 += v * x1;
            v = a2[k];
            s20 += v * x0;
            s21 += v * x1;
            v = a3[k];
            s30 += v * x0;
            s31 += v * x1;
        }

        var tail = blocks * Vector<double>.Count;
        Store(values, p, i, j, Finish(s00, columns[i], columns[j], tail));
        Store(values, p, i, j + 1, Finish(s01, columns[i], columns[j + 1], tail));
        Store(values, p, i + 1, j, Finish(s10, columns[i + 1], columns[j], tail));
        Store(values, p, i + 1, j + 1, Finish(s11, columns[i + 1], columns[j + 1], tail));
        Store(values, p, i + 2, j, Finish(s20, columns[i + 2], columns[j], tail));
        Store(values, p, i + 2, j + 1, Finish(s21, columns[i + 2], columns[j + 1], tail));
        Store(values, p, i + 3, j, Finish(s30, columns[i + 3], columns[j], tail));
        Store(values, p, i + 3, j + 1, Finish(s31, columns[i + 3], columns[j + 1], tail));
    }

    private static double Finish(Vector<double> acc, double[] a, double[] b, int tail) => Tail(Vector.Sum(acc), a, b, tail);

    /// <summary>The scalar rows after the last full vector, added to the vector part's sum (as <see cref="VectorMath.Dot"/>).</summary>
    private static double Tail(double sum, double[] a, double[] b, int tail)
    {
        for (var t = tail; t < a.Length; t++)
        {
            sum += a[t] * b[t];
        }

        return sum;
    }
}
