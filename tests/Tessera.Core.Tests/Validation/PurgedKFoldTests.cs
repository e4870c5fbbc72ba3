using Tessera.Core.Errors;
using Tessera.Core.Validation;
using Xunit;

namespace Tessera.Core.Tests.Validation;

public sealed class PurgedKFoldTests
{
    [Fact]
    public void Hand_derived_fold_purges_overlaps_and_embargoes_after_the_test_block()
    {
        // 100 observations labelled over [i, i+5]; 5 folds of 20; embargo floor(0.02*100) = 2.
        // Fold 1 tests 20..39, label span [20, 44]: before it keep i + 5 < 20 (0..14), after it keep i > 44 + 2 (47..99).
        var splits = PurgedKFold.Split(LabelIntervals.FixedHorizon(100, 5), folds: 5, embargoPct: 0.02);
        Assert.Equal(5, splits.Count);
        var expected = Enumerable.Range(0, 15).Concat(Enumerable.Range(47, 53)).ToArray();
        Assert.Equal(expected, splits[1].Train);
        Assert.Equal(Enumerable.Range(20, 20).ToArray(), splits[1].Test);

        // Last fold (80..99): nothing after it, before it keep i + 5 < 80.
        Assert.Equal(Enumerable.Range(0, 75).ToArray(), splits[4].Train);
    }

    [Theory]
    [InlineData(250, 5, 10, 0.01)]
    [InlineData(97, 4, 1, 0.0)]
    [InlineData(300, 10, 20, 0.05)]
    public void No_training_label_interval_overlaps_any_test_label_interval(int n, int folds, int horizon, double embargoPct)
    {
        var labels = LabelIntervals.FixedHorizon(n, horizon);
        var h = (int)Math.Floor(embargoPct * n);
        foreach (var split in PurgedKFold.Split(labels, folds, embargoPct))
        {
            var testEnd = split.Test.Max(j => labels.End[j]);
            foreach (var i in split.Train)
            {
                foreach (var j in split.Test)
                {
                    var overlap = labels.Start[i] <= labels.End[j] && labels.End[i] >= labels.Start[j];
                    Assert.False(overlap, $"train {i} overlaps test {j}");
                }

                Assert.False(labels.Start[i] > testEnd && labels.Start[i] <= testEnd + h, $"train {i} inside embargo");
            }

            // Nothing is dropped without a reason: every non-test observation left out overlaps or is embargoed.
            var kept = split.Train.ToHashSet();
            var testStart = labels.Start[split.Test[0]];
            for (var i = 0; i < n; i++)
            {
                if (kept.Contains(i) || split.Test.Contains(i))
                {
                    continue;
                }

                var reason = labels.Overlaps(i, testStart, testEnd) || (labels.Start[i] > testEnd && labels.Start[i] <= testEnd + h);
                Assert.True(reason, $"observation {i} dropped without overlap or embargo");
            }
        }
    }

    [Fact]
    public void Irregular_label_intervals_are_purged_by_their_own_end()
    {
        // Observation 2 has a long label reaching into the test block of fold 1 (obs 3..5) and must be purged.
        var labels = new LabelIntervals([0, 1, 2, 3, 4, 5, 6, 7, 8], [0, 1, 4, 3, 4, 5, 6, 7, 8]);
        var splits = PurgedKFold.Split(labels, folds: 3, embargoPct: 0);
        Assert.Equal([0, 1, 6, 7, 8], splits[1].Train);
    }

    [Fact]
    public void Invalid_configuration_is_rejected()
    {
        var labels = LabelIntervals.FixedHorizon(10, 1);
        Assert.Throws<TesseraValidationException>(() => PurgedKFold.Split(labels, 1));
        Assert.Throws<TesseraValidationException>(() => PurgedKFold.Split(labels, 3, -0.1));
        Assert.Throws<TesseraValidationException>(() => new LabelIntervals([0, 1], [2, 0]));
        Assert.Throws<TesseraValidationException>(() => new LabelIntervals([1, 0], [2, 3]));
    }
}
