using Tessera.Core.Portfolio;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Estimators;

/// <summary>Sigma x (risk contributions of every allocator) takes four rows per pass and stays bit-identical to one Dot per row.</summary>
public sealed class CovarianceMatrixMultiplyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(461)]
    public void Every_entry_equals_one_dot_product_per_row_to_the_last_bit(int n)
    {
        var rng = new Random(n);
        var values = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                values[(i * n) + j] = values[(j * n) + i] = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 3));
            }

            values[(i * n) + i] = Math.Abs(values[(i * n) + i]) + 1e-6; // variances are positive
        }

        var cov = new CovarianceMatrix(n, values);
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = rng.NextDouble() / n;
        }

        var y = new double[n];
        cov.Multiply(x, y);
        for (var i = 0; i < n; i++)
        {
            var expected = VectorMath.Dot(values.AsSpan(i * n, n), x);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(y[i]));
        }

        // The scalar reference agrees to rounding (the lanes' summation order differs from a plain loop).
        for (var i = 0; i < n; i++)
        {
            var plain = 0.0;
            for (var j = 0; j < n; j++)
            {
                plain += values[(i * n) + j] * x[j];
            }

            Assert.Equal(plain, y[i], 1e-12 * Math.Max(1, Math.Abs(plain)));
        }
    }
}
