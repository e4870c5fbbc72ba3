using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Clustering;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

/// <summary>
/// The allocator's weights against the previous implementation (<see cref="HrpReference"/>) bit for bit, on every
/// route: the covariance spanning tree (distinct merge distances, exact symmetry), the distance-matrix route it declines
/// to (one-ulp asymmetry, extreme scales) and the greedy loop behind that (tied merges).
/// </summary>
public sealed class HierarchicalRiskParityReferenceTests
{
    [Theory]
    [InlineData(1, 11)]
    [InlineData(2, 12)]
    [InlineData(3, 13)]
    [InlineData(4, 14)]
    [InlineData(5, 15)]
    [InlineData(7, 16)]
    [InlineData(8, 17)]
    [InlineData(9, 18)]
    [InlineData(16, 19)]
    [InlineData(31, 20)]
    [InlineData(33, 21)]
    [InlineData(64, 22)]
    [InlineData(101, 23)]
    [InlineData(130, 24)]
    public void Same_weights_as_the_previous_implementation_on_factor_covariances(int n, ulong seed)
    {
        var cov = PortfolioTestData.FactorCovariance(n, seed);
        AssertSame(cov, PortfolioTestData.Ids(n));

        // The same assets listed in another order: the id order is then a real permutation of the covariance.
        var perm = PortfolioTestData.Shuffle(n, seed + 100);
        AssertSame(PortfolioTestData.Permute(cov, perm), PortfolioTestData.Permute(PortfolioTestData.Ids(n), perm));
        if (n >= 2)
        {
            Assert.NotNull(CovarianceSingleLinkage.TryBuild(cov.Values, n, Identity(n)));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Tied_correlations_take_the_greedy_rule_as_before(int n)
    {
        var cov = HrpTestCovariances.Equicorrelated(n, 0.3);
        if (n >= 3)
        {
            Assert.Null(CovarianceSingleLinkage.TryBuild(cov.Values, n, Identity(n)));
        }

        AssertSame(cov, PortfolioTestData.Ids(n));
        var perm = PortfolioTestData.Shuffle(n, 7);
        AssertSame(PortfolioTestData.Permute(cov, perm), PortfolioTestData.Permute(PortfolioTestData.Ids(n), perm));
    }

    [Fact]
    public void Tied_blocks_and_repeated_assets_match()
    {
        var blocks = HrpTestCovariances.TiedBlocks(3, 4, 5, 1, 2);
        Assert.Null(CovarianceSingleLinkage.TryBuild(blocks.Values, blocks.Size, Identity(blocks.Size)));
        AssertSame(blocks, PortfolioTestData.Ids(blocks.Size));
        var perm = PortfolioTestData.Shuffle(blocks.Size, 5);
        AssertSame(PortfolioTestData.Permute(blocks, perm), PortfolioTestData.Permute(PortfolioTestData.Ids(blocks.Size), perm));

        var repeated = HrpTestCovariances.WithRepeatedAsset(20, 31, 3);
        AssertSame(repeated, PortfolioTestData.Ids(repeated.Size));
        var perm2 = PortfolioTestData.Shuffle(repeated.Size, 6);
        AssertSame(PortfolioTestData.Permute(repeated, perm2), PortfolioTestData.Permute(PortfolioTestData.Ids(repeated.Size), perm2));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 40)]
    [InlineData(38, 39)]
    public void A_one_ulp_asymmetry_declines_the_covariance_tree_and_still_matches(int i, int j)
    {
        var cov = HrpTestCovariances.OneUlpAsymmetric(40, 41, i, j);
        Assert.Null(CovarianceSingleLinkage.TryBuild(cov.Values, cov.Size, Identity(cov.Size)));
        AssertSame(cov, PortfolioTestData.Ids(cov.Size));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(60.0)]
    [InlineData(150.0)]
    public void Extreme_variance_scales_match(double exponent)
    {
        var cov = HrpTestCovariances.Rescaled(24, 51, exponent);
        AssertSame(cov, PortfolioTestData.Ids(cov.Size));
    }

    [Theory]
    [InlineData(2, 61)]
    [InlineData(17, 62)]
    [InlineData(90, 63)]
    public void Bisect_matches_the_previous_bisection_on_any_order(int n, ulong seed)
    {
        var cov = PortfolioTestData.FactorCovariance(n, seed);
        var order = PortfolioTestData.Shuffle(n, seed + 1);
        Assert.True(HrpReference.SameBits(HrpReference.Bisect(cov, order), HierarchicalRiskParityAllocator.Bisect(cov, order)));

        // A partial order leaves the unlisted assets at 1, as before.
        var partial = order[..(n / 2 + 1)];
        Assert.True(HrpReference.SameBits(HrpReference.Bisect(cov, partial), HierarchicalRiskParityAllocator.Bisect(cov, partial)));
    }

    [Fact]
    public void Bisect_rejects_repeated_or_out_of_range_indices()
    {
        var cov = PortfolioTestData.FactorCovariance(4, 70);
        var repeated = Assert.Throws<TesseraValidationException>(() => HierarchicalRiskParityAllocator.Bisect(cov, [0, 1, 1, 2]));
        Assert.Equal("order", repeated.Field);
        Assert.Equal("1", repeated.Value);
        var outside = Assert.Throws<TesseraValidationException>(() => HierarchicalRiskParityAllocator.Bisect(cov, [0, 4]));
        Assert.Equal("4", outside.Value);
    }

    [Theory]
    [InlineData(Linkage.Single, 3)]
    [InlineData(Linkage.Ward, 4)]
    public void Herc_weights_match_the_previous_tree_route(Linkage linkage, int k)
    {
        var n = 45;
        var ids = PortfolioTestData.Permute(PortfolioTestData.Ids(n), PortfolioTestData.Shuffle(n, 80));
        var problem = new AllocationProblem { AssetIds = ids, Covariance = PortfolioTestData.FactorCovariance(n, 81) };
        var actual = new HierarchicalEqualRiskAllocator { Linkage = linkage, ClusterCount = k }.Allocate(problem).Weights;

        var perm = CanonicalOrder.ById(ids);
        var sorted = problem.Covariance!.Subset(perm);
        var wSorted = HierarchicalEqualRiskAllocator.Weights(sorted, HrpReference.Tree(sorted, linkage), k);
        var target = new double[n];
        for (var a = 0; a < n; a++)
        {
            target[perm[a]] = wSorted[a];
        }

        var expected = ConstraintProjection.Apply("herc", target, ResolvedConstraints.Resolve("herc", problem), []);
        Assert.True(HrpReference.SameBits(expected, actual));
    }

    internal static void AssertSame(CovarianceMatrix cov, string[] ids)
    {
        var problem = new AllocationProblem { AssetIds = ids, Covariance = cov };
        var actual = new HierarchicalRiskParityAllocator().Allocate(problem).Weights;
        var expected = HrpReference.Weights(problem);
        Assert.True(HrpReference.SameBits(expected, actual), "weights differ from the previous implementation: max |dw| = " + MaxAbsDiff(expected, actual).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    internal static int[] Identity(int n) => Enumerable.Range(0, n).ToArray();

    private static double MaxAbsDiff(double[] a, double[] b)
    {
        var m = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            m = Math.Max(m, Math.Abs(a[i] - b[i]));
        }

        return m;
    }
}
