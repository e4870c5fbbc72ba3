using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// HRP's recursive bisection (Lopez de Prado 2016) over a quasi-diagonal order, computing exactly the doubles of the
/// straightforward version (inverse-variance weights w_a = 1/s_aa summed in member order and divided by the sum; cluster
/// variance v = sum over a, then b, of (w_a w_b) s_ab in one running sum; alpha = 1 - v_L/(v_L + v_R) multiplied into
/// each weight from the root down), but laid out for speed:
/// - the covariance is copied once into the two diagonal blocks of the root's halves, in leaf order, so every cluster
///   below is a contiguous square inside one block (the straightforward version gathered s[m_a, m_b] per product);
/// - the running sums of the two halves of a node are independent chains, so they are added in one loop: the sums keep
///   their order, and the additions' latency is shared by two chains instead of paid by each in turn.
/// </summary>
internal static class QuasiDiagonalBisection
{
    /// <summary>
    /// Weights by position: position p of the order is asset <paramref name="assetAt"/>[p] of the n x n covariance
    /// <paramref name="values"/> (row-major); <paramref name="weights"/>[p] receives its weight.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(double[] values, int n, ReadOnlySpan<int> assetAt, Span<double> weights)
    {
        var m = assetAt.Length;
        weights[..m].Fill(1.0);
        if (m < 2)
        {
            return;
        }

        var h0 = m / 2;
        var r0 = m - h0;
        var pool = ArrayPool<double>.Shared;
        var leftBlock = pool.Rent(h0 * h0);
        var rightBlock = pool.Rent(r0 * r0);
        var scratch = pool.Rent(m + (2 * (r0 + 1)));
        try
        {
            Gather(values, n, assetAt[..h0], leftBlock);
            Gather(values, n, assetAt[h0..], rightBlock);
            var inverseVariance = scratch.AsSpan(0, m);
            for (var p = 0; p < m; p++)
            {
                inverseVariance[p] = 1.0 / values[(assetAt[p] * n) + assetAt[p]];
            }

            var buffers = new PairBuffers(scratch.AsSpan(m, 2 * (r0 + 1)), r0 + 1);
            var blocks = new Blocks(leftBlock, rightBlock, h0, r0);
            Span<int> stack = m <= 512 ? stackalloc int[2 * m] : new int[2 * m];
            var top = 0;
            (stack[0], stack[1]) = (0, m);
            top = 2;
            while (top > 0)
            {
                top -= 2;
                var (start, length) = (stack[top], stack[top + 1]);
                if (length <= 1)
                {
                    continue;
                }

                var half = length / 2;
                var (vl, vr) = PairVariance(blocks, inverseVariance, start, half, length - half, buffers);
                var alpha = 1.0 - (vl / (vl + vr));
                Scale(weights.Slice(start, half), alpha);
                Scale(weights.Slice(start + half, length - half), 1.0 - alpha);
                (stack[top], stack[top + 1]) = (start + half, length - half);
                (stack[top + 2], stack[top + 3]) = (start, half);
                top += 4;
            }
        }
        finally
        {
            pool.Return(leftBlock);
            pool.Return(rightBlock);
            pool.Return(scratch);
        }
    }

    /// <summary>block[a * k + b] = s[assetAt[a], assetAt[b]] for the k assets listed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(double[] values, int n, ReadOnlySpan<int> assets, double[] block)
    {
        var k = assets.Length;
        for (var a = 0; a < k; a++)
        {
            var row = values.AsSpan(assets[a] * n, n);
            var output = block.AsSpan(a * k, k);
            for (var b = 0; b < k; b++)
            {
                output[b] = row[assets[b]];
            }
        }
    }

    /// <summary>
    /// Variances of the inverse-variance portfolios of the clusters [start, start + ml) and [start + ml, start + ml + mr)
    /// (mr = ml or ml + 1), each summed in the straightforward order. No call inside the row loop, so both running sums
    /// stay in registers (a call would spill them, and each addition would wait on a store and a reload).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Left, double Right) PairVariance(in Blocks blocks, ReadOnlySpan<double> inverseVariance, int start, int ml, int mr, in PairBuffers buffers)
    {
        var wl = buffers.LeftWeights[..ml];
        var wr = buffers.RightWeights[..mr];
        Normalise(inverseVariance.Slice(start, ml), wl);
        Normalise(inverseVariance.Slice(start + ml, mr), wr);
        var (lb, ls, lo) = blocks.Of(start);
        var (rb, rs, ro) = blocks.Of(start + ml);
        var vl = 0.0;
        var vr = 0.0;
        for (var a = 0; a < ml; a++)
        {
            var rowL = lb.AsSpan(((lo + a) * ls) + lo, ml);
            var rowR = rb.AsSpan(((ro + a) * rs) + ro, mr);
            var wal = wl[a];
            var war = wr[a];
            for (var b = 0; b < ml; b++)
            {
                vl += wal * wl[b] * rowL[b];
                vr += war * wr[b] * rowR[b];
            }

            for (var b = ml; b < mr; b++)
            {
                vr += war * wr[b] * rowR[b];
            }
        }

        for (var a = ml; a < mr; a++)
        {
            var rowR = rb.AsSpan(((ro + a) * rs) + ro, mr);
            var war = wr[a];
            for (var b = 0; b < mr; b++)
            {
                vr += war * wr[b] * rowR[b];
            }
        }

        return (vl, vr);
    }

    /// <summary>w_a = x_a / sum(x), the sum taken in order (x_a = 1 / s_aa).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Normalise(ReadOnlySpan<double> inverseVariance, Span<double> w)
    {
        var sum = 0.0;
        for (var a = 0; a < inverseVariance.Length; a++)
        {
            sum += inverseVariance[a];
        }

        var a0 = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(sum);
            for (; a0 <= w.Length - Vector256<double>.Count; a0 += Vector256<double>.Count)
            {
                (Vector256.Create(inverseVariance.Slice(a0, Vector256<double>.Count)) / s).CopyTo(w.Slice(a0, Vector256<double>.Count));
            }
        }

        for (; a0 < w.Length; a0++)
        {
            w[a0] = inverseVariance[a0] / sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scale(Span<double> w, double factor)
    {
        var a = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var wRef = ref MemoryMarshal.GetReference(w);
            var f = Vector256.Create(factor);
            for (; a <= w.Length - Vector256<double>.Count; a += Vector256<double>.Count)
            {
                (Vector256.LoadUnsafe(ref wRef, (nuint)a) * f).StoreUnsafe(ref wRef, (nuint)a);
            }
        }

        for (; a < w.Length; a++)
        {
            w[a] *= factor;
        }
    }

    /// <summary>The two diagonal blocks of the root's halves (left: positions 0..h0-1, right: h0..m-1).</summary>
    private readonly record struct Blocks(double[] Left, double[] Right, int LeftSize, int RightSize)
    {
        /// <summary>The block holding the cluster that starts at this position, its row stride and the cluster's offset in it.</summary>
        public (double[] Block, int Stride, int Offset) Of(int start) =>
            start < LeftSize ? (Left, LeftSize, start) : (Right, RightSize, start - LeftSize);
    }

    /// <summary>Per-node scratch: the two halves' normalised weights.</summary>
    private readonly ref struct PairBuffers(Span<double> space, int capacity)
    {
        public Span<double> LeftWeights { get; } = space[..capacity];

        public Span<double> RightWeights { get; } = space.Slice(capacity, capacity);
    }
}
