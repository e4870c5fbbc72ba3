using Tessera.Core.Errors;

namespace Tessera.Core.Validation;

/// <summary>
/// Combinatorial purged cross-validation (AFML chapter 12): N contiguous groups, every choice of k test groups
/// is a split (C(N, k) splits, in lexicographic order), training is purged and embargoed against each test group.
/// Each group is tested in C(N-1, k-1) splits, which yields phi = C(N-1, k-1) backtest paths:
/// path p takes, for every group g, the p-th split (in split order) that tests g (<see cref="PathSplit"/>).
/// </summary>
public sealed class CombinatorialPurgedCv
{
    private CombinatorialPurgedCv(int groups, int testGroups, (int Start, int End)[] groupRanges, IReadOnlyList<CvSplit> splits, int[][] testGroupsOfSplit, int[,] pathSplit)
    {
        Groups = groups;
        TestGroups = testGroups;
        GroupRanges = groupRanges;
        Splits = splits;
        TestGroupsOfSplit = testGroupsOfSplit;
        PathSplit = pathSplit;
    }

    public int Groups { get; }

    public int TestGroups { get; }

    public IReadOnlyList<(int Start, int End)> GroupRanges { get; }

    public IReadOnlyList<CvSplit> Splits { get; }

    /// <summary>Which groups are tested in each split.</summary>
    public IReadOnlyList<int[]> TestGroupsOfSplit { get; }

    /// <summary>PathSplit[p, g]: the split whose out-of-sample predictions fill group g of path p.</summary>
    public int[,] PathSplit { get; }

    public int PathCount => PathSplit.GetLength(0);

    public static CombinatorialPurgedCv Create(LabelIntervals labels, int groups, int testGroups, double embargoPct = 0.01, int gap = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (groups < 2 || groups > labels.Count)
        {
            throw new TesseraValidationException("groups", groups.ToString(), "must be in [2, number of observations " + labels.Count + "]");
        }

        if (testGroups < 1 || testGroups >= groups)
        {
            throw new TesseraValidationException("testGroups", testGroups.ToString(), "must be in [1, groups - 1 = " + (groups - 1) + "]");
        }

        if (!(embargoPct >= 0 && embargoPct < 1))
        {
            throw new TesseraValidationException("embargoPct", embargoPct.ToString("R"), "must be in [0, 1)");
        }

        Partition.RequireGap(gap);
        var embargo = (int)Math.Floor(embargoPct * labels.Count);
        var ranges = Partition.Contiguous(labels.Count, groups);
        var combos = Combinations.All(groups, testGroups);
        var splits = new List<CvSplit>(combos.Count);
        foreach (var combo in combos)
        {
            var isTest = new bool[labels.Count];
            var test = new List<int>();
            var blocks = new List<(int, int)>(combo.Length);
            foreach (var g in combo)
            {
                var (a, z) = ranges[g];
                blocks.Add(ranges[g]);
                for (var i = a; i < z; i++)
                {
                    isTest[i] = true;
                    test.Add(i);
                }
            }

            splits.Add(new CvSplit(splits.Count, Partition.PurgedTrain(labels, isTest, blocks, embargo, gap), [.. test]));
        }

        var paths = (int)Combinations.Count(groups - 1, testGroups - 1);
        var pathSplit = new int[paths, groups];
        var seen = new int[groups];
        for (var s = 0; s < combos.Count; s++)
        {
            foreach (var g in combos[s])
            {
                pathSplit[seen[g]++, g] = s;
            }
        }

        return new CombinatorialPurgedCv(groups, testGroups, ranges, splits, [.. combos], pathSplit);
    }

    /// <summary>
    /// Assembles the phi out-of-sample paths. oosBySplit[s] has one value per observation and is read only on
    /// the observations of the groups split s tests; each returned path has one value per observation.
    /// </summary>
    public double[][] AssemblePaths(IReadOnlyList<double[]> oosBySplit)
    {
        ArgumentNullException.ThrowIfNull(oosBySplit);
        if (oosBySplit.Count != Splits.Count)
        {
            throw new TesseraValidationException("oosBySplit", oosBySplit.Count.ToString(), "must have one series per split (" + Splits.Count + ")");
        }

        var n = GroupRanges[^1].End;
        var result = new double[PathCount][];
        for (var p = 0; p < PathCount; p++)
        {
            var path = new double[n];
            for (var g = 0; g < Groups; g++)
            {
                var source = oosBySplit[PathSplit[p, g]];
                if (source.Length != n)
                {
                    throw new TesseraValidationException("oosBySplit", source.Length.ToString(), "each series must have one value per observation (" + n + ")", "split " + PathSplit[p, g]);
                }

                var (a, z) = GroupRanges[g];
                Array.Copy(source, a, path, a, z - a);
            }

            result[p] = path;
        }

        return result;
    }
}
