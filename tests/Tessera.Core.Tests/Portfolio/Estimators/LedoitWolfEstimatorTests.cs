using Tessera.Core.Data.Import;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Estimators;

public sealed class LedoitWolfEstimatorTests
{
    [Fact]
    public void Matches_the_hand_computed_sklearn_formula_on_a_3_asset_example()
    {
        // Hand-computed in exact rational arithmetic from sklearn's ledoit_wolf formula (ALGORITHMS.md):
        // mu = 347/48, delta = 96649/1152, beta = 24143/1536, s = 10347/55228,
        // Sigma = [[7300619/883648, 1750359/220912, 314167/441824], [., 4884537/441824, 44881/110456], [., ., 2094423/883648]].
        double[][] cols = [[1, 4, 2, 8, 5, 7, 3, 10], [2, 5, 1, 9, 4, 8, 2, 11], [0, 1, 3, 2, 1, 0, 2, 3]];
        var (sigma, s) = LedoitWolfEstimator.EstimateWithShrinkage(cols);
        Assert.Equal(10347.0 / 55228, s, 14);
        double[,] expected =
        {
            { 7300619.0 / 883648, 1750359.0 / 220912, 314167.0 / 441824 },
            { 1750359.0 / 220912, 4884537.0 / 441824, 44881.0 / 110456 },
            { 314167.0 / 441824, 44881.0 / 110456, 2094423.0 / 883648 },
        };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i, j], sigma[i, j], 12);
            }
        }
    }

    [Fact]
    public void Two_by_four_example_shrinks_fully_when_beta_exceeds_delta()
    {
        // Hand-computed: S = [[7/2, -1/2], [-1/2, 3/2]], mu = 5/2, delta = 5/4, beta = 19/8 > delta -> s = 1, Sigma = 2.5 I.
        var (sigma, s) = LedoitWolfEstimator.EstimateWithShrinkage([[1, 2, 3, 6], [2, 1, 4, 1]]);
        Assert.Equal(1.0, s, 15);
        Assert.Equal(2.5, sigma[0, 0], 14);
        Assert.Equal(0.0, sigma[0, 1], 14);
        Assert.Equal(2.5, sigma[1, 1], 14);
    }

    [Fact]
    public void Invariants_trace_preserved_shrinkage_in_unit_interval_positive_definite_with_fewer_rows_than_assets()
    {
        var returns = PortfolioTestData.FactorReturns(30, 20, 5);
        var (sigma, s) = LedoitWolfEstimator.EstimateWithShrinkage(returns);
        Assert.InRange(s, 0.0, 1.0);
        var n = returns[0].Length;
        var centered = 0.0;
        for (var j = 0; j < 30; j++)
        {
            var mean = returns[j].Average();
            centered += returns[j].Sum(x => (x - mean) * (x - mean)) / n;
        }

        var trace = 0.0;
        for (var i = 0; i < 30; i++)
        {
            trace += sigma[i, i];
        }

        Assert.Equal(centered, trace, 12);
        Assert.True(CovarianceConditioning.IsPositiveDefinite(sigma));
    }

    /// <summary>The packed kernel and the fused passes change no bit of the matrix or the shrinkage, serial or parallel.</summary>
    [Theory]
    [InlineData(1, 9)]
    [InlineData(3, 5)]
    [InlineData(7, 3)]
    [InlineData(9, 40)]
    [InlineData(30, 20)]
    [InlineData(37, 251)]
    [InlineData(130, 1258)]
    public void Matrix_and_shrinkage_are_bit_identical_to_the_per_pair_reference(int p, int n)
    {
        var returns = LedoitWolfReference.Columns(p, n, (p * 101) + n);
        var (expected, expectedShrinkage) = LedoitWolfReference.Estimate(returns);
        foreach (var threads in new[] { 1, 2, 3 })
        {
            var (sigma, shrinkage) = LedoitWolfEstimator.EstimateWithShrinkage(returns, threads);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedShrinkage), BitConverter.DoubleToInt64Bits(shrinkage));
            LedoitWolfReference.AssertBitIdentical(expected, sigma.Values);
            LedoitWolfReference.AssertBitIdentical(expected, new LedoitWolfEstimator(threads).Estimate(returns).Values);
        }
    }

    [SharedDataFact("sp500-daily-2013-2018.csv.gz")]
    public void SP500_matrix_is_bit_identical_to_the_per_pair_reference_serial_and_parallel()
    {
        using var stream = File.OpenRead(SharedData.Path_("sp500-daily-2013-2018.csv.gz"));
        var bars = BarCsvImporter.Import(stream, new BarImportOptions { Mode = ImportMode.Lenient, Source = "sp500" }).Series;
        var returns = DenseReturns.FromBars(bars.ToList()).Columns;
        Assert.InRange(returns.Length, 400, 505);
        var (expected, expectedShrinkage) = LedoitWolfReference.Estimate(returns);
        foreach (var threads in new[] { 1, 2 })
        {
            var (sigma, shrinkage) = LedoitWolfEstimator.EstimateWithShrinkage(returns, threads);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedShrinkage), BitConverter.DoubleToInt64Bits(shrinkage));
            LedoitWolfReference.AssertBitIdentical(expected, sigma.Values);
        }
    }

    [Fact]
    public void A_degree_of_parallelism_below_one_is_rejected_naming_the_field()
    {
        var error = Assert.Throws<TesseraValidationException>(() => new LedoitWolfEstimator(0));
        Assert.Equal("degreeOfParallelism", error.Field);
        Assert.Equal("degreeOfParallelism", Assert.Throws<TesseraValidationException>(() => LedoitWolfEstimator.EstimateWithShrinkage([[1.0, 2.0, 3.0]], -1)).Field);
    }
}
