using Tessera.Core.Errors;
using Tessera.Core.Validation;
using Xunit;

namespace Tessera.Core.Tests.Validation;

public sealed class CombinatorialPurgedCvTests
{
    [Theory]
    [InlineData(6, 2, 15, 5)]
    [InlineData(10, 3, 120, 36)]
    [InlineData(8, 1, 8, 1)]
    [InlineData(5, 4, 5, 4)]
    public void Produces_C_N_k_splits_and_C_N1_k1_paths(int groups, int k, int splits, int paths)
    {
        var cv = CombinatorialPurgedCv.Create(LabelIntervals.FixedHorizon(200, 3), groups, k);
        Assert.Equal(splits, cv.Splits.Count);
        Assert.Equal(Combinations.Count(groups, k), cv.Splits.Count);
        Assert.Equal(paths, cv.PathCount);
        Assert.Equal(Combinations.Count(groups - 1, k - 1), cv.PathCount);

        // Every (split, tested group) pair is used by exactly one path; every path covers every group once.
        var used = new HashSet<(int, int)>();
        for (var p = 0; p < cv.PathCount; p++)
        {
            for (var g = 0; g < groups; g++)
            {
                var s = cv.PathSplit[p, g];
                Assert.Contains(g, cv.TestGroupsOfSplit[s]);
                Assert.True(used.Add((s, g)));
            }
        }

        Assert.Equal(splits * k, used.Count);
    }

    [Fact]
    public void Path_assignment_for_four_groups_two_tested_is_hand_derived()
    {
        // Splits in order: {0,1},{0,2},{0,3},{1,2},{1,3},{2,3}. Group 0 is tested in 0,1,2; group 1 in 0,3,4;
        // group 2 in 1,3,5; group 3 in 2,4,5. Path p takes the p-th of each list.
        var cv = CombinatorialPurgedCv.Create(LabelIntervals.FixedHorizon(40, 0), 4, 2, 0);
        int[,] expected = { { 0, 0, 1, 2 }, { 1, 3, 3, 4 }, { 2, 4, 5, 5 } };
        Assert.Equal(expected, cv.PathSplit);
    }

    [Fact]
    public void Assembled_paths_take_each_group_from_its_split()
    {
        var cv = CombinatorialPurgedCv.Create(LabelIntervals.FixedHorizon(40, 0), 4, 2, 0);
        var oos = new List<double[]>();
        for (var s = 0; s < cv.Splits.Count; s++)
        {
            oos.Add(Enumerable.Range(0, 40).Select(i => (s * 1000.0) + i).ToArray());
        }

        var paths = cv.AssemblePaths(oos);
        Assert.Equal(3, paths.Length);
        for (var p = 0; p < 3; p++)
        {
            for (var i = 0; i < 40; i++)
            {
                var g = i / 10;
                Assert.Equal((cv.PathSplit[p, g] * 1000.0) + i, paths[p][i]);
            }
        }

        Assert.Throws<TesseraValidationException>(() => cv.AssemblePaths(oos.Take(5).ToList()));
    }

    [Fact]
    public void Training_is_purged_against_every_test_group()
    {
        var labels = LabelIntervals.FixedHorizon(120, 4);
        var cv = CombinatorialPurgedCv.Create(labels, 6, 2, 0.02);
        foreach (var split in cv.Splits)
        {
            var test = split.Test.ToHashSet();
            Assert.DoesNotContain(split.Train, test.Contains);
            foreach (var i in split.Train)
            {
                foreach (var j in split.Test)
                {
                    Assert.False(labels.Start[i] <= labels.End[j] && labels.End[i] >= labels.Start[j], $"split {split.Index}: train {i} overlaps test {j}");
                }
            }
        }
    }

    [Fact]
    public void Invalid_configuration_is_rejected()
    {
        var labels = LabelIntervals.FixedHorizon(20, 1);
        Assert.Throws<TesseraValidationException>(() => CombinatorialPurgedCv.Create(labels, 4, 4));
        Assert.Throws<TesseraValidationException>(() => CombinatorialPurgedCv.Create(labels, 1, 1));
    }
}
