using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Clustering;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Core.Tests.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Clustering;

/// <summary>
/// Single linkage straight from the covariance, the vectorised distance matrix and the vectorised Prim, each against the
/// previous scalar code (<see cref="HrpReference"/>) bit for bit.
/// </summary>
public sealed class CovarianceSingleLinkageTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(13, 4)]
    [InlineData(64, 5)]
    [InlineData(97, 6)]
    [InlineData(200, 7)]
    public void Same_dendrogram_as_the_distance_matrix_route(int n, ulong seed)
    {
        var cov = PortfolioTestData.FactorCovariance(n, seed);
        var perm = PortfolioTestData.Shuffle(n, seed + 10);
        var expected = HrpReference.Tree(cov.Subset(perm), Linkage.Single);
        var fast = CovarianceSingleLinkage.TryBuild(cov.Values, n, perm);
        Assert.NotNull(fast);
        Assert.True(HrpReference.SameTree(expected, fast));
        Assert.True(HrpReference.SameTree(expected, HierarchicalClustering.BuildFromCovariance(cov, perm, Linkage.Single)));
        Assert.True(HrpReference.SameTree(HrpReference.Tree(cov, Linkage.Single), HierarchicalClustering.BuildFromCovariance(cov, Linkage.Single)));
    }

    [Fact]
    public void Declines_ties_asymmetry_and_volatilities_out_of_range()
    {
        var tied = HrpTestCovariances.TiedBlocks(2, 3);
        Assert.Null(CovarianceSingleLinkage.TryBuild(tied.Values, tied.Size, HierarchicalRiskParityReferenceTests.Identity(tied.Size)));
        var skew = HrpTestCovariances.OneUlpAsymmetric(10, 3, 2, 7);
        Assert.Null(CovarianceSingleLinkage.TryBuild(skew.Values, 10, HierarchicalRiskParityReferenceTests.Identity(10)));
        var tiny = HrpTestCovariances.Rescaled(10, 4, 150);
        Assert.Null(CovarianceSingleLinkage.TryBuild(tiny.Values, 10, HierarchicalRiskParityReferenceTests.Identity(10)));

        // Declining is not failing: the public entry point still gives the previous dendrogram on each of them.
        foreach (var c in new[] { tied, skew, tiny })
        {
            Assert.True(HrpReference.SameTree(HrpReference.Tree(c, Linkage.Single), HierarchicalClustering.BuildFromCovariance(c, Linkage.Single)));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(37)]
    public void Distance_matrix_is_the_previous_one_bit_for_bit(int n)
    {
        foreach (var cov in new[] { PortfolioTestData.FactorCovariance(n, (ulong)n), HrpTestCovariances.Rescaled(n, (ulong)n + 1, 150), HrpTestCovariances.Equicorrelated(n, -0.4) })
        {
            Assert.True(HrpReference.SameBits(HrpReference.Distance(cov), CorrelationDistance.FromCovariance(cov)));
        }
    }

    [Fact]
    public void Correlations_rounded_past_one_are_clamped_as_before()
    {
        // s_01 and s_02 a few ulps beyond +-vol_0 vol_1: rho rounds past +-1 and must clamp to distance 0 and 1 (six
        // assets, so row 0 runs through the vector part).
        const int n = 6;
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                v[(i * n) + j] = i == j ? 1.0 : 0.1;
            }
        }

        (v[1], v[n]) = (1 + 4e-16, 1 + 4e-16);
        (v[2], v[2 * n]) = (-(1 + 4e-16), -(1 + 4e-16));
        var cov = new CovarianceMatrix(n, v);
        var d = CorrelationDistance.FromCovariance(cov);
        Assert.True(HrpReference.SameBits(HrpReference.Distance(cov), d));
        Assert.Equal(0.0, d[1]);
        Assert.Equal(1.0, d[2]);
    }

    [Theory]
    [InlineData(2, 21)]
    [InlineData(6, 22)]
    [InlineData(150, 23)]
    [InlineData(333, 24)]
    public void Vectorised_prim_gives_the_previous_tree(int n, ulong seed)
    {
        var d = HrpReference.Distance(PortfolioTestData.FactorCovariance(n, seed));
        var expected = HrpReference.TryTree(d, n);
        var actual = SingleLinkageTree.TryBuild(d, n);
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.True(HrpReference.SameTree(expected, actual));
        Assert.True(HrpReference.SameTree(HierarchicalClustering.Build(d, n, Linkage.Single, allowSpanningTree: false), actual));
    }

    [Fact]
    public void Symmetry_check_sees_one_asymmetric_entry_anywhere()
    {
        const int n = 70;
        var d = HrpReference.Distance(PortfolioTestData.FactorCovariance(n, 30));
        Assert.True(SingleLinkageTree.IsSymmetric(d, n));
        foreach (var (i, j) in new[] { (0, 1), (0, 69), (31, 32), (32, 31), (63, 64), (68, 69), (69, 0), (40, 5) })
        {
            var e = (double[])d.Clone();
            e[(i * n) + j] = Math.BitIncrement(e[(i * n) + j]);
            Assert.False(SingleLinkageTree.IsSymmetric(e, n));
        }
    }

    [Fact]
    public void Distance_validation_reports_the_first_bad_entry_in_storage_order()
    {
        const int n = 9;
        var d = HrpReference.Distance(PortfolioTestData.FactorCovariance(n, 40));
        HierarchicalClustering.Build(d, n, Linkage.Single);
        foreach (var (k, bad, shown) in new[] { (5, -1.0, "-1"), (80, double.NaN, "NaN"), (44, double.PositiveInfinity, "Infinity") })
        {
            var e = (double[])d.Clone();
            e[k] = bad;
            if (k != 80)
            {
                e[80] = double.NaN;
            }

            var ex = Assert.Throws<TesseraValidationException>(() => HierarchicalClustering.Build(e, n, Linkage.Single));
            Assert.Equal("distance", ex.Field);
            Assert.Equal(shown, ex.Value);
        }
    }
}
