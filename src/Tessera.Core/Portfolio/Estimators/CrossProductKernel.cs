using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Core.Portfolio.Estimators;

/// <summary>
/// X'X of column-layout data, bit-identical to one <see cref="VectorMath.Dot"/> per pair of columns: every entry has one
/// vector accumulator per pair, fed by the same non-fused multiply and add over the same elements in the same order
/// (lane l sums rows l, l + W, l + 2W, ... sequentially), then <see cref="Vector.Sum{T}(Vector{T})"/>, then the scalar
/// rows after the last full vector, exactly as <see cref="VectorMath.Dot"/> does.
/// <para>
/// Why it is laid out this way (the 4x4 tile over whole columns it replaces loaded every step from L2: a 1,258-row
/// column is 10 KB, so the eight columns of a tile did not stay in L1):
/// <list type="bullet">
/// <item>the columns are packed once into panels of four, interleaved per vector (block k of the panel holds the four
/// columns' rows kW..kW+W-1 one after the other), so a tile reads two contiguous streams instead of eight;</item>
/// <item>the rows are processed in chunks (<see cref="ChunkBlocks"/> vectors): a chunk of a j-panel (4 KB) stays in L1
/// while the i-panels' chunks stream from L2 (the chunk of all panels, about 470 KB here, stays in L2). Between chunks
/// each tile's sixteen vector accumulators are stored and reloaded unchanged, so each lane still sums its rows in
/// order and the result is the same to the last bit;</item>
/// <item>the 4x4 register tile does sixteen multiplies and sixteen adds per eight loads, with no horizontal sum until the
/// last chunk.</item>
/// </list>
/// Tiles are independent, so the parallel path gives each thread a contiguous range of j-panels (balanced by the
/// triangle's work) and yields the same entries as the serial one.
/// </para>
/// </summary>
internal static class CrossProductKernel
{
    private const int Panel = PackedColumns.Panel;

    /// <summary>Vector blocks per row chunk: 32 x 4 rows x 8 bytes x 4 columns = 4 KB of a panel; 470 KB for all 461 columns of the S&amp;P set.</summary>
    internal const int ChunkBlocks = 32;

    public static double[] Compute(double[][] columns)
    {
        using var packed = PackedColumns.From(columns);
        return Compute(packed, 1, ChunkBlocks);
    }

    public static double[] Compute(PackedColumns packed, int degreeOfParallelism) => Compute(packed, degreeOfParallelism, ChunkBlocks);

    /// <summary>The kernel with an explicit chunk length (the tests use small chunks to cover several chunks on small inputs).</summary>
    internal static double[] Compute(PackedColumns packed, int degreeOfParallelism, int chunkBlocks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBlocks, 1);
        var p = packed.Count;
        var panels = packed.Panels;
        // Neither array needs zeroing: every entry of values is stored (both halves) and every accumulator slot is set
        // at its tile's first chunk. The accumulators (3.5 MB here) are scratch, rented so that repeated estimates do not
        // fault fresh large-object-heap pages in each time.
        var values = GC.AllocateUninitializedArray<double>(p * p);
        var accumulators = ArrayPool<Vector<double>>.Shared.Rent(panels * (panels + 1) / 2 * Panel * Panel);
        try
        {
            Run(packed, accumulators, values, chunkBlocks, degreeOfParallelism);
        }
        finally
        {
            if (accumulators.Length > 0)
            {
                ArrayPool<Vector<double>>.Shared.Return(accumulators);
            }
        }

        return values;
    }

    /// <summary>The tiles on one thread, or split in contiguous j-panel ranges over up to <paramref name="degreeOfParallelism"/>.</summary>
    private static void Run(PackedColumns packed, Vector<double>[] accumulators, double[] values, int chunkBlocks, int degreeOfParallelism)
    {
        var panels = packed.Panels;
        var threads = Math.Min(degreeOfParallelism, panels);
        if (threads <= 1)
        {
            Run(packed, accumulators, values, chunkBlocks, 0, panels);
            return;
        }

        // Contiguous j-panel ranges of about equal work: j-panel jp has jp + 1 tiles, so the work up to jp grows as jp^2.
        var bounds = new int[threads + 1];
        bounds[threads] = panels;
        for (var t = 1; t < threads; t++)
        {
            bounds[t] = Math.Clamp((int)Math.Round(panels * Math.Sqrt(t / (double)threads)), bounds[t - 1], panels);
        }

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => Run(packed, accumulators, values, chunkBlocks, bounds[t], bounds[t + 1]));
    }

    /// <summary>
    /// Every tile (ip, jp) with ip &lt;= jp and jp in [jFrom, jTo), chunk by chunk of rows; after its last chunk each tile
    /// writes its entries while its accumulators are still in L1.
    /// </summary>
    private static void Run(PackedColumns packed, Vector<double>[] accumulators, double[] values, int chunkBlocks, int jFrom, int jTo)
    {
        var blocks = packed.Blocks;
        var panelLength = blocks * Panel;
        var chunks = Math.Max(1, (blocks + chunkBlocks - 1) / chunkBlocks);
        ref var packedBase = ref MemoryMarshal.GetArrayDataReference(packed.Data);
        ref var accBase = ref MemoryMarshal.GetArrayDataReference(accumulators);
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var k0 = chunk * chunkBlocks;
            var steps = Math.Min(chunkBlocks, blocks - k0);
            var first = chunk == 0;
            var last = chunk == chunks - 1;
            for (var jp = jFrom; jp < jTo; jp++)
            {
                ref var b = ref Unsafe.Add(ref packedBase, (jp * panelLength) + (k0 * Panel));
                var tile = TileIndex(0, jp) * Panel * Panel;
                for (var ip = 0; ip <= jp; ip++)
                {
                    ref var acc = ref Unsafe.Add(ref accBase, tile);
                    Tile4x4(ref Unsafe.Add(ref packedBase, (ip * panelLength) + (k0 * Panel)), ref b, steps, first, ref acc);
                    if (last)
                    {
                        Finish(packed, accumulators, tile, values, ip, jp);
                    }

                    tile += Panel * Panel;
                }
            }
        }
    }

    /// <summary>
    /// A tile's entries: the horizontal sum of each accumulator, then the tail rows in order (VectorMath.Dot's last two
    /// steps; with no full vectors the accumulator is zero, its sum +0.0, and the tail is the whole scalar sum from 0.0),
    /// stored at (a, b) and (b, a). Entries of the zero columns padding the last panel are not stored.
    /// </summary>
    private static void Finish(PackedColumns packed, Vector<double>[] accumulators, int tile, double[] values, int ip, int jp)
    {
        var p = packed.Count;
        var tails = packed.Tails;
        var tailLength = packed.TailLength;
        var rows = Math.Min(Panel, p - (ip * Panel));
        var cols = Math.Min(Panel, p - (jp * Panel));
        for (var r = 0; r < rows; r++)
        {
            var a = (ip * Panel) + r;
            for (var c = 0; c < cols; c++)
            {
                var bcol = (jp * Panel) + c;
                var s = Vector.Sum(accumulators[tile + (r * Panel) + c]);
                for (var t = 0; t < tailLength; t++)
                {
                    s += tails[(a * tailLength) + t] * tails[(bcol * tailLength) + t];
                }

                values[(a * p) + bcol] = s;
                values[(bcol * p) + a] = s;
            }
        }
    }

    /// <summary>Tiles are numbered j-panel by j-panel: (ip, jp) is the (ip)th of the jp + 1 tiles of j-panel jp.</summary>
    private static int TileIndex(int ip, int jp) => (jp * (jp + 1) / 2) + ip;

    /// <summary>
    /// Sixteen accumulators in registers over one chunk: per step four vectors of the i-panel, four of the j-panel, sixteen
    /// multiplies and sixteen adds (separate, as in <see cref="VectorMath.Dot"/>); loaded from and stored back to the tile's
    /// slot so the next chunk continues each lane's sum where this one stopped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4(ref Vector<double> a, ref Vector<double> b, int steps, bool first, ref Vector<double> acc)
    {
        if (first)
        {
            // The first chunk starts every lane at +0.0, as VectorMath.Dot's accumulator does (the slots are not zeroed).
            for (var slot = 0; slot < Panel * Panel; slot++)
            {
                Unsafe.Add(ref acc, slot) = Vector<double>.Zero;
            }
        }

        var s00 = Unsafe.Add(ref acc, 0);
        var s01 = Unsafe.Add(ref acc, 1);
        var s02 = Unsafe.Add(ref acc, 2);
        var s03 = Unsafe.Add(ref acc, 3);
        var s10 = Unsafe.Add(ref acc, 4);
        var s11 = Unsafe.Add(ref acc, 5);
        var s12 = Unsafe.Add(ref acc, 6);
        var s13 = Unsafe.Add(ref acc, 7);
        var s20 = Unsafe.Add(ref acc, 8);
        var s21 = Unsafe.Add(ref acc, 9);
        var s22 = Unsafe.Add(ref acc, 10);
        var s23 = Unsafe.Add(ref acc, 11);
        var s30 = Unsafe.Add(ref acc, 12);
        var s31 = Unsafe.Add(ref acc, 13);
        var s32 = Unsafe.Add(ref acc, 14);
        var s33 = Unsafe.Add(ref acc, 15);
        for (var k = 0; k < steps; k++)
        {
            var x0 = b;
            var x1 = Unsafe.Add(ref b, 1);
            var x2 = Unsafe.Add(ref b, 2);
            var x3 = Unsafe.Add(ref b, 3);
            var v = a;
            s00 += v * x0;
            s01 += v * x1;
            s02 += v * x2;
            s03 += v * x3;
            v = Unsafe.Add(ref a, 1);
            s10 += v * x0;
            s11 += v * x1;
            s12 += v * x2;
            s13 += v * x3;
            v = Unsafe.Add(ref a, 2);
            s20 += v * x0;
            s21 += v * x1;
            s22 += v * x2;
            s23 += v * x3;
            v = Unsafe.Add(ref a, 3);
            s30 += v * x0;
            s31 += v * x1;
            s32 += v * x2;
            s33 += v * x3;
            a = ref Unsafe.Add(ref a, Panel);
            b = ref Unsafe.Add(ref b, Panel);
        }

        Unsafe.Add(ref acc, 0) = s00;
        Unsafe.Add(ref acc, 1) = s01;
        Unsafe.Add(ref acc, 2) = s02;
        Unsafe.Add(ref acc, 3) = s03;
        Unsafe.Add(ref acc, 4) = s10;
        Unsafe.Add(ref acc, 5) = s11;
        Unsafe.Add(ref acc, 6) = s12;
        Unsafe.Add(ref acc, 7) = s13;
        Unsafe.Add(ref acc, 8) = s20;
        Unsafe.Add(ref acc, 9) = s21;
        Unsafe.Add(ref acc, 10) = s22;
        Unsafe.Add(ref acc, 11) = s23;
        Unsafe.Add(ref acc, 12) = s30;
        Unsafe.Add(ref acc, 13) = s31;
        Unsafe.Add(ref acc, 14) = s32;
        Unsafe.Add(ref acc, 15) = s33;
    }
}
