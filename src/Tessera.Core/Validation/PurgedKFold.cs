using Tessera.Core.Errors;

namespace Tessera.Core.Validation;

/// <summary>
/// Purged K-fold with embargo (Lopez de Prado, AFML chapter 7, ALGORITHMS.md "Validation"):
/// K contiguous test blocks (numpy.array_split sizes); training drops every observation whose label interval
/// overlaps the test block's label span and, after the block, every observation starting within
/// h = floor(embargoPct * T) bars of the span's end. Observations before the test block are kept unless they overlap
/// (the embargo only protects against leakage from test labels into later training features). <c>gap</c> widens the
/// purged span by that many bars on each side (the Alpha blueprint's cv_gap_size; 0, the default here, keeps the
/// label-overlap purge alone; <see cref="PurgedCvDefaults"/> holds the blueprint's values).
/// </summary>
public static class PurgedKFold
{
    public static IReadOnlyList<CvSplit> Split(LabelIntervals labels, int folds, double embargoPct = 0.01, int gap = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (folds < 2 || folds > labels.Count)
        {
            throw new TesseraValidationException("folds", folds.ToString(), "must be in [2, number of observations " + labels.Count + "]");
        }

        if (!(embargoPct >= 0 && embargoPct < 1))
        {
            throw new TesseraValidationException("embargoPct", embargoPct.ToString("R"), "must be in [0, 1)");
        }

        Partition.RequireGap(gap);
        var embargo = (int)Math.Floor(embargoPct * labels.Count);
        var blocks = Partition.Contiguous(labels.Count, folds);
        var splits = new List<CvSplit>(folds);
        for (var k = 0; k < folds; k++)
        {
            var isTest = new bool[labels.Count];
            var (a, z) = blocks[k];
            var test = new int[z - a];
            for (var i = a; i < z; i++)
            {
                isTest[i] = true;
                test[i - a] = i;
            }

            splits.Add(new CvSplit(k, Partition.PurgedTrain(labels, isTest, [blocks[k]], embargo, gap), test));
        }

        return splits;
    }
}
