using Tessera.Core.Portfolio;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Estimators;

/// <summary>The tiled X'X kernel and the shared-load dot products are bit-identical to one VectorMath.Dot per pair.</summary>
public sealed class CrossProductKernelTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(3, 7)]
    [InlineData(4, 8)]
    [InlineData(5, 9)]
    [InlineData(9, 33)]
    [InlineData(13, 130)]
    [InlineData(22, 1258)]
    [InlineData(19, 1259)]
    [InlineData(45, 1258)]
    [InlineData(83, 2000)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(6, 7)]
    [InlineData(7, 8)]
    [InlineData(8, 9)]
    [InlineData(9, 11)]
    [InlineData(5, 4)]
    public void Every_entry_equals_the_per_pair_dot_product_to_the_last_bit(int p, int n)
    {
        var rng = new Random((p * 1000) + n);
        var columns = new double[p][];
        for (var j = 0; j < p; j++)
        {
            columns[j] = new double[n];
            for (var t = 0; t < n; t++)
            {
                columns[j][t] = (rng.NextDouble() - 0.5) * 0.02;
            }
        }

        var values = CrossProductKernel.Compute(columns);
        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b < p; b++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(VectorMath.Dot(columns[a], columns[b])), BitConverter.DoubleToInt64Bits(values[(a * p) + b]));
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(103)]
    public void Dot4_equals_four_dot_products_to_the_last_bit(int n)
    {
        var rng = new Random(n + 1);
        var rows = new double[5][];
        for (var r = 0; r < 5; r++)
        {
            rows[r] = new double[n + 3];
            for (var t = 0; t < rows[r].Length; t++)
            {
                rows[r][t] = rng.NextDouble() - 0.5;
            }
        }

        var b = rows[4].AsSpan(0, n);
        VectorMath.Dot4(rows[0], rows[1], rows[2], rows[3], b, out var s0, out var s1, out var s2, out var s3);
        Assert.Equal(VectorMath.Dot(rows[0].AsSpan(0, n), b), s0);
        Assert.Equal(VectorMath.Dot(rows[1].AsSpan(0, n), b), s1);
        Assert.Equal(VectorMath.Dot(rows[2].AsSpan(0, n), b), s2);
        Assert.Equal(VectorMath.Dot(rows[3].AsSpan(0, n), b), s3);
    }

    /// <summary>
    /// Odd shapes (p = 1..9 and beyond a panel, n below one vector, below two, and with 1-3 tail rows), with chunks of
    /// one, three and many vectors (so one and several row chunks) and one to three threads: every entry is the per-pair
    /// dot product bit for bit, so the parallel matrix equals the serial one.
    /// </summary>
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 8)]
    [InlineData(3, 9)]
    [InlineData(4, 13)]
    [InlineData(5, 7)]
    [InlineData(6, 30)]
    [InlineData(7, 2)]
    [InlineData(8, 45)]
    [InlineData(9, 67)]
    [InlineData(13, 101)]
    [InlineData(21, 258)]
    public void Chunked_and_parallel_entries_equal_the_per_pair_dot_product_to_the_last_bit(int p, int n)
    {
        var columns = LedoitWolfReference.Columns(p, n, (p * 7919) + n);
        var expected = new double[p * p];
        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b < p; b++)
            {
                expected[(a * p) + b] = VectorMath.Dot(columns[a], columns[b]);
            }
        }

        foreach (var chunk in new[] { 1, 3, CrossProductKernel.ChunkBlocks })
        {
            foreach (var threads in new[] { 1, 2, 3 })
            {
                LedoitWolfReference.AssertBitIdentical(expected, CrossProductKernel.Compute(PackedColumns.From(columns), threads, chunk));
            }
        }
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(5, 9)]
    [InlineData(9, 3)]
    [InlineData(11, 130)]
    public void Centered_packing_gives_the_cross_products_and_fourth_moment_of_the_centered_copy(int p, int n)
    {
        var columns = LedoitWolfReference.Columns(p, n, (p * 31) + n);
        for (var j = 0; j < p; j++)
        {
            for (var t = 0; t < n; t++)
            {
                columns[j][t] += 0.001 * (j + 1); // a non-zero mean, so the centering matters
            }
        }

        var centered = ColumnStatistics.Centered(columns);
        var expected = new double[p * p];
        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b < p; b++)
            {
                expected[(a * p) + b] = VectorMath.Dot(centered[a], centered[b]);
            }
        }

        var norms = new double[n];
        for (var j = 0; j < p; j++)
        {
            for (var t = 0; t < n; t++)
            {
                norms[t] += centered[j][t] * centered[j][t];
            }
        }

        var fourth = 0.0;
        for (var t = 0; t < n; t++)
        {
            fourth += norms[t] * norms[t];
        }

        foreach (var threads in new[] { 1, 2 })
        {
            var packed = PackedColumns.Centered(columns, threads);
            LedoitWolfReference.AssertBitIdentical(expected, CrossProductKernel.Compute(packed, threads, 2));
            Assert.Equal(BitConverter.DoubleToInt64Bits(fourth), BitConverter.DoubleToInt64Bits(packed.FourthMomentSum()));
        }

        LedoitWolfReference.AssertBitIdentical(expected, ColumnStatistics.CenteredCrossProducts(columns));
    }

    [Fact]
    public void Columns_of_different_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => CrossProductKernel.Compute([new double[10], new double[9]]));
        Assert.Equal("columns", error.ParamName);
    }
}
