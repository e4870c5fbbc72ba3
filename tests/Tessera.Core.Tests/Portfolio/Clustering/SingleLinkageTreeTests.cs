using Tessera.Core.Portfolio.Clustering;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Clustering;

/// <summary>The O(n^2) spanning-tree route of single linkage against the greedy O(n^3) agglomeration it replaces.</summary>
public sealed class SingleLinkageTreeTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 10)]
    [InlineData(4, 57)]
    [InlineData(5, 120)]
    public void Same_dendrogram_as_the_greedy_loop(int seed, int n)
    {
        var d = RandomCorrelationDistances(seed, n);
        Assert.NotNull(SingleLinkageTree.TryBuild(d, n));
        var fast = HierarchicalClustering.Build(d, n, Linkage.Single);
        var greedy = HierarchicalClustering.Build(d, n, Linkage.Single, allowSpanningTree: false);
        Assert.Equal(greedy.Merges, fast.Merges);
        Assert.Equal(greedy.LeafOrder(), fast.LeafOrder());
    }

    [Fact]
    public void Tied_merge_distances_are_left_to_the_greedy_rule()
    {
        // Points 0, 1, 2, 3 on a line: three merges at distance 1, whose order only the tie rule decides.
        var d = new double[16];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                d[(i * 4) + j] = Math.Abs(i - j);
            }
        }

        Assert.Null(SingleLinkageTree.TryBuild(d, 4));
        Assert.Equal(HierarchicalClustering.Build(d, 4, Linkage.Single, allowSpanningTree: false).Merges, HierarchicalClustering.Build(d, 4, Linkage.Single).Merges);
    }

    [Fact]
    public void Asymmetric_matrices_are_left_to_the_greedy_loop()
    {
        var d = new double[] { 0, 1, 2, 1.5, 0, 3, 2, 3, 0 };
        Assert.Null(SingleLinkageTree.TryBuild(d, 3));
    }

    private static double[] RandomCorrelationDistances(int seed, int n)
    {
        var rng = new Random(seed);
        var x = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var common = rng.NextDouble();
            x[i] = new double[40];
            for (var t = 0; t < 40; t++)
            {
                x[i][t] = (common * Math.Sin(t)) + rng.NextDouble();
            }
        }

        return CorrelationDistance.FromReturns(x);
    }
}
