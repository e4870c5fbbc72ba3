using Tessera.Core.Determinism;
using Tessera.Core.Portfolio.Clustering;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Clustering;

public sealed class GapStatisticTests
{
    private static double[][] Blocks(int blocks, int perBlock, int rows, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var cols = new double[blocks * perBlock][];
        for (var j = 0; j < cols.Length; j++)
        {
            cols[j] = new double[rows];
        }

        for (var t = 0; t < rows; t++)
        {
            for (var b = 0; b < blocks; b++)
            {
                var f = rng.NextNormal();
                for (var k = 0; k < perBlock; k++)
                {
                    cols[(b * perBlock) + k][t] = 0.01 * (f + (0.3 * rng.NextNormal()));
                }
            }
        }

        return cols;
    }

    [Fact]
    public void Finds_three_clusters_in_three_independent_factor_blocks()
    {
        var returns = Blocks(3, 5, 300, 11);
        foreach (var linkage in new[] { Linkage.Ward, Linkage.Average, Linkage.Single })
        {
            var result = GapStatistic.Choose(returns, linkage, maxK: 8, referenceDraws: 8, seed: 3);
            Assert.Equal(3, result.ChosenK);
        }

        var tree = HierarchicalClustering.Build(CorrelationDistance.FromReturns(returns), 15, Linkage.Ward);
        var labels = tree.Cut(3);
        for (var b = 0; b < 3; b++)
        {
            for (var k = 1; k < 5; k++)
            {
                Assert.Equal(labels[b * 5], labels[(b * 5) + k]);
            }
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_gap_curve()
    {
        var returns = Blocks(2, 4, 120, 12);
        var a = GapStatistic.Choose(returns, Linkage.Ward, 5, 5, 99);
        var b = GapStatistic.Choose(returns, Linkage.Ward, 5, 5, 99);
        Assert.Equal(a.Gap, b.Gap);
    }
}
