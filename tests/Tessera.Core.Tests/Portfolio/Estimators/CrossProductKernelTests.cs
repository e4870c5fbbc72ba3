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
}
