using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Tessera.Core.Portfolio.Estimators;

/// <summary>
/// Columns (n rows x p) in the layout <see cref="CrossProductKernel"/> reads: panels of four columns interleaved per vector
/// (<see cref="Data"/>[(panel * Blocks + k) * 4 + c] holds rows kW..kW+W-1 of column 4 panel + c, W =
/// <see cref="Vector{T}.Count"/>), a last panel short of four columns padded with zeros, and the rows after the last full
/// vector (the scalar tail of <see cref="VectorMath.Dot"/>) in <see cref="Tails"/>, column by column. When
/// <see cref="VectorMath.Dot"/> would not vectorise (no SIMD, or fewer than 2W rows), <see cref="Blocks"/> is 0 and every
/// row is in the tail, so the kernel sums in scalar as Dot does.
/// <para>Built in one pass over the input: <see cref="Centered"/> subtracts the column means while packing, so the
/// estimators do not write a centered copy and then a packed copy.</para>
/// </summary>
internal sealed class PackedColumns : IDisposable
{
    public const int Panel = 4;

    private PackedColumns(int rows, int count)
    {
        var w = Vector<double>.Count;
        Rows = rows;
        Count = count;
        Blocks = Vector.IsHardwareAccelerated && rows >= 2 * w ? rows / w : 0;
        TailLength = rows - (Blocks * w);
        Panels = (count + Panel - 1) / Panel;
        // Rented, not allocated: a fresh 4.6 MB array per estimate lands on the large-object heap, whose pages the GC
        // hands back after a collection, so each call paid page faults on touching it (several ms on the loaded dev
        // machine). Every slot in use is written by the packing (zeros for the padding), so stale contents never leak.
        Data = ArrayPool<Vector<double>>.Shared.Rent(Panels * Blocks * Panel);
        Tails = new double[count * TailLength];
    }

    /// <summary>Rows of every column (n).</summary>
    public int Rows { get; }

    /// <summary>Columns (p).</summary>
    public int Count { get; }

    /// <summary>Full vectors per column in <see cref="Data"/> (0 when the cross products are summed in scalar).</summary>
    public int Blocks { get; }

    /// <summary>Rows per column after the last full vector (in <see cref="Tails"/>).</summary>
    public int TailLength { get; }

    public int Panels { get; }

    /// <summary>The packed panels (rented: at least Panels * Blocks * 4 vectors; the ones beyond are not part of the data).</summary>
    public Vector<double>[] Data { get; private set; }

    /// <summary>Tails[j * TailLength + r] = row Blocks * W + r of column j.</summary>
    public double[] Tails { get; }

    /// <summary>The columns as they are (no centering).</summary>
    public static PackedColumns From(double[][] columns) => Build(columns, center: false, 1);

    /// <summary>
    /// The columns minus their means, the mean of each column summed in row order and divided by n exactly as
    /// <see cref="ColumnStatistics.Mean"/> does, and each entry x - mean as <see cref="ColumnStatistics.Centered"/> computes
    /// it, so every value is bit-identical to the centered copy. Panels are independent, so up to
    /// <paramref name="degreeOfParallelism"/> threads pack ranges of them.
    /// </summary>
    public static PackedColumns Centered(double[][] returns, int degreeOfParallelism = 1) => Build(returns, center: true, degreeOfParallelism);

    private static PackedColumns Build(double[][] columns, bool center, int degreeOfParallelism)
    {
        var p = columns.Length;
        var n = columns[0].Length;
        for (var j = 1; j < p; j++)
        {
            if (columns[j].Length != n)
            {
                throw new ArgumentException("every column must have the same length", nameof(columns));
            }
        }

        var packed = new PackedColumns(n, p);
        var threads = Math.Min(degreeOfParallelism, packed.Panels);
        if (threads <= 1)
        {
            for (var panel = 0; panel < packed.Panels; panel++)
            {
                packed.PackPanel(columns, center, panel);
            }
        }
        else
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var to = (int)((long)packed.Panels * (t + 1) / threads);
                for (var panel = (int)((long)packed.Panels * t / threads); panel < to; panel++)
                {
                    packed.PackPanel(columns, center, panel);
                }
            });
        }

        return packed;
    }

    private void PackPanel(double[][] columns, bool center, int panel)
    {
        var p = Count;
        var n = Rows;
        var first = panel * Panel;
        var width = Math.Min(Panel, p - first);

        // A column past p (the padding of the last panel) reads column p - 1 and is stored as zero, since the array is not
        // zeroed.
        var c0 = columns[first];
        var c1 = columns[Math.Min(first + 1, p - 1)];
        var c2 = columns[Math.Min(first + 2, p - 1)];
        var c3 = columns[Math.Min(first + 3, p - 1)];
        double m0 = 0, m1 = 0, m2 = 0, m3 = 0;
        if (center)
        {
            // Each mean is one sequential sum in row order (bit-identical to ColumnStatistics.Mean), the four sums of the
            // panel interleaved so they overlap instead of waiting on one add's latency per row.
            for (var t = 0; t < n; t++)
            {
                m0 += c0[t];
                m1 += c1[t];
                m2 += c2[t];
                m3 += c3[t];
            }

            (m0, m1, m2, m3) = (m0 / n, m1 / n, m2 / n, m3 / n);
        }

        var s0 = MemoryMarshal.Cast<double, Vector<double>>(c0.AsSpan());
        var s1 = MemoryMarshal.Cast<double, Vector<double>>(c1.AsSpan());
        var s2 = MemoryMarshal.Cast<double, Vector<double>>(c2.AsSpan());
        var s3 = MemoryMarshal.Cast<double, Vector<double>>(c3.AsSpan());
        var zero = Vector<double>.Zero;
        var target = Data.AsSpan(panel * Blocks * Panel, Blocks * Panel);
        if (center)
        {
            // Row block by row block, the four columns side by side: one contiguous write stream.
            var (v0, v1, v2, v3) = (new Vector<double>(m0), new Vector<double>(m1), new Vector<double>(m2), new Vector<double>(m3));
            for (var k = 0; k < Blocks; k++)
            {
                target[k * Panel] = s0[k] - v0;
                target[(k * Panel) + 1] = width > 1 ? s1[k] - v1 : zero;
                target[(k * Panel) + 2] = width > 2 ? s2[k] - v2 : zero;
                target[(k * Panel) + 3] = width > 3 ? s3[k] - v3 : zero;
            }
        }
        else
        {
            // A plain copy (x - 0.0 would turn -0.0 into 0.0).
            for (var k = 0; k < Blocks; k++)
            {
                target[k * Panel] = s0[k];
                target[(k * Panel) + 1] = width > 1 ? s1[k] : zero;
                target[(k * Panel) + 2] = width > 2 ? s2[k] : zero;
                target[(k * Panel) + 3] = width > 3 ? s3[k] : zero;
            }
        }

        ReadOnlySpan<double> means = [m0, m1, m2, m3];
        for (var c = 0; c < width; c++)
        {
            var column = columns[first + c];
            var tails = Tails.AsSpan((first + c) * TailLength, TailLength);
            for (var r = 0; r < tails.Length; r++)
            {
                var x = column[n - tails.Length + r];
                tails[r] = center ? x - means[c] : x;
            }
        }
    }

    /// <summary>Gives the packed data back to the pool (the instance is unusable afterwards).</summary>
    public void Dispose()
    {
        if (Data.Length > 0)
        {
            ArrayPool<Vector<double>>.Shared.Return(Data);
        }

        Data = [];
    }

    /// <summary>
    /// sum_t ||x_t||^4 over the rows x_t: each row's squared norm accumulated over the columns in order j = 0..p-1, then
    /// the squares summed in row order t = 0..n-1, the same operations in the same order as the row-wise definition
    /// (so the same bits as the column-by-column scalar loop it replaces), vectorised across rows.
    /// </summary>
    public double FourthMomentSum()
    {
        var w = Vector<double>.Count;
        var norms = new Vector<double>[Blocks];
        for (var panel = 0; panel < Panels; panel++)
        {
            var width = Math.Min(Panel, Count - (panel * Panel));
            var block = Data.AsSpan(panel * Blocks * Panel, Blocks * Panel);
            for (var k = 0; k < Blocks; k++)
            {
                var acc = norms[k];
                for (var c = 0; c < width; c++)
                {
                    var v = block[(k * Panel) + c];
                    acc += v * v;
                }

                norms[k] = acc;
            }
        }

        var tailNorms = new double[TailLength];
        for (var j = 0; j < Count; j++)
        {
            for (var r = 0; r < TailLength; r++)
            {
                var v = Tails[(j * TailLength) + r];
                tailNorms[r] += v * v;
            }
        }

        var fourth = 0.0;
        for (var k = 0; k < Blocks; k++)
        {
            var v = norms[k];
            for (var l = 0; l < w; l++)
            {
                fourth += v[l] * v[l];
            }
        }

        for (var r = 0; r < TailLength; r++)
        {
            fourth += tailNorms[r] * tailNorms[r];
        }

        return fourth;
    }
}
