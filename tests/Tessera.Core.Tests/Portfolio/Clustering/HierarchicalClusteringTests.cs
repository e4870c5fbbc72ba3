using Tessera.Core.Portfolio.Clustering;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Clustering;

public sealed class HierarchicalClusteringTests
{
    // Points 0, 1, 3, 7 on a line; d = |x_i - x_j|. Merges below are hand-derived.
    private static readonly double[] Points = [0, 1, 3, 7];

    private static double[] LineDistances()
    {
        var d = new double[16];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                d[(i * 4) + j] = Math.Abs(Points[i] - Points[j]);
            }
        }

        return d;
    }

    [Fact]
    public void Single_linkage_hand_computed()
    {
        var tree = HierarchicalClustering.Build(LineDistances(), 4, Linkage.Single);
        Assert.Equal(new Merge(0, 1, 1, 2), tree.Merges[0]);
        Assert.Equal(new Merge(2, 4, 2, 3), tree.Merges[1]);
        Assert.Equal(new Merge(3, 5, 4, 4), tree.Merges[2]);
        Assert.Equal([3, 2, 0, 1], tree.LeafOrder());
    }

    [Fact]
    public void Complete_linkage_hand_computed()
    {
        var tree = HierarchicalClustering.Build(LineDistances(), 4, Linkage.Complete);
        Assert.Equal(3.0, tree.Merges[1].Distance, 15);
        Assert.Equal(7.0, tree.Merges[2].Distance, 15);
    }

    [Fact]
    public void Average_linkage_hand_computed()
    {
        // d(2,{0,1}) = (3 + 2)/2 = 2.5; d(3,{0,1,2}) = (7 + 6 + 4)/3 = 17/3.
        var tree = HierarchicalClustering.Build(LineDistances(), 4, Linkage.Average);
        Assert.Equal(2.5, tree.Merges[1].Distance, 15);
        Assert.Equal(17.0 / 3, tree.Merges[2].Distance, 14);
    }

    [Fact]
    public void Ward_linkage_matches_the_centroid_identity()
    {
        // Ward distance = sqrt(2 n_a n_b / (n_a + n_b)) |c_a - c_b|: {2} vs {0,1}: sqrt(4/3) * 2.5 = sqrt(25/3);
        // {7} vs {0,1,3}: sqrt(6/4) * (7 - 4/3) = sqrt(578/12).
        var tree = HierarchicalClustering.Build(LineDistances(), 4, Linkage.Ward);
        Assert.Equal(Math.Sqrt(25.0 / 3), tree.Merges[1].Distance, 13);
        Assert.Equal(Math.Sqrt(578.0 / 12), tree.Merges[2].Distance, 13);
    }

    [Fact]
    public void Cut_undoes_the_last_merges_and_labels_in_leaf_order()
    {
        var tree = HierarchicalClustering.Build(LineDistances(), 4, Linkage.Single);
        Assert.Equal([1, 1, 1, 0], tree.Cut(2));
        Assert.Equal([2, 2, 1, 0], tree.Cut(3));
        Assert.Equal([0, 0, 0, 0], tree.Cut(1));
    }

    [Fact]
    public void Correlation_distance_is_zero_for_perfect_and_one_for_opposite_correlation()
    {
        var d = CorrelationDistance.FromCorrelation([1, -1, 0, -1, 1, 0.5, 0, 0.5, 1], 3);
        Assert.Equal(1.0, d[1], 15);
        Assert.Equal(Math.Sqrt(0.5), d[2], 15);
        Assert.Equal(0.5, d[5], 15);
        Assert.Equal(0.0, d[4], 15);
    }
}
