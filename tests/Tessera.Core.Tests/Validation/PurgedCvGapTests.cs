using Tessera.Core.Errors;
using Tessera.Core.Validation;
using Xunit;

namespace Tessera.Core.Tests.Validation;

/// <summary>Alpha blueprint (seed 000, config.yaml validation: cv_gap_size 10, cv_embargo_pct 0.01): the purge gap around the test block and the embargo after it.</summary>
public sealed class PurgedCvGapTests
{
    private static readonly LabelIntervals Points = LabelIntervals.FixedHorizon(100, 0);

    [Fact]
    public void Seed000_cv_gap_size_10_and_embargo_0_01_purge_10_bars_each_side_then_embargo_1_bar()
    {
        // T = 100, 5 folds: fold 2 tests rows 40..59. Gap 10 purges 30..69; the embargo floor(0.01 x 100) = 1 bar
        // after the widened span removes 70. Train = 0..29 and 71..99 = 30 + 29 = 59 rows.
        var split = PurgedKFold.Split(Points, 5, PurgedCvDefaults.AlphaBlueprintEmbargoPct, PurgedCvDefaults.AlphaBlueprintGap)[2];
        Assert.Equal(Enumerable.Range(40, 20), split.Test);
        Assert.Equal(Enumerable.Range(0, 30).Concat(Enumerable.Range(71, 29)), split.Train);
        Assert.Contains(29, split.Train);        // one bar before the gap: kept
        Assert.DoesNotContain(30, split.Train);  // first bar of the gap: purged
        Assert.DoesNotContain(70, split.Train);  // embargoed
        Assert.Contains(71, split.Train);        // one bar after the embargo: kept

        // Fold 0 (rows 0..19) has no bars before it: purge 20..29, embargo 30; train 31..99.
        Assert.Equal(Enumerable.Range(31, 69), PurgedKFold.Split(Points, 5, 0.01, 10)[0].Train);
    }

    [Fact]
    public void Seed000_gap_defaults_are_the_blueprints_and_gap_0_keeps_todays_label_overlap_purge()
    {
        Assert.Equal(10, PurgedCvDefaults.AlphaBlueprintGap);
        Assert.Equal(0.01, PurgedCvDefaults.AlphaBlueprintEmbargoPct);
        var today = PurgedKFold.Split(Points, 5, 0.01)[2];
        Assert.Equal(Enumerable.Range(0, 40).Concat(Enumerable.Range(61, 39)), today.Train); // purge 40..59, embargo 60
        Assert.Equal(today.Train, PurgedKFold.Split(Points, 5, 0.01, 0)[2].Train);
    }

    [Fact]
    public void Seed000_gap_applies_to_cpcv_test_groups_too()
    {
        var cv = CombinatorialPurgedCv.Create(Points, 5, 1, 0.01, 10);
        Assert.Equal(Enumerable.Range(0, 30).Concat(Enumerable.Range(71, 29)), cv.Splits[2].Train);
    }

    [Fact]
    public void A_negative_gap_is_a_typed_error()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => PurgedKFold.Split(Points, 5, 0.01, -1));
        Assert.Equal("gap", ex.Field);
        Assert.Throws<TesseraValidationException>(() => CombinatorialPurgedCv.Create(Points, 5, 1, 0.01, -1));
    }

    [Fact]
    public void Seed000_allocation_purged_cv_trains_on_the_purged_rows_and_holds_the_weights_on_the_test_block()
    {
        var a = new double[100];
        var b = new double[100];
        for (var t = 0; t < 100; t++)
        {
            a[t] = 0.001 * (t % 3);
            b[t] = -0.0005 * (t % 2);
        }

        var trainSizes = new List<int>();
        var result = AllocationPurgedCv.Run([a, b], train =>
        {
            trainSizes.Add(train[0].Length);
            return [0.25, 0.75];
        }, folds: 5, labelHorizon: 0);
        Assert.Equal(10, result.Gap);
        Assert.Equal(0.01, result.EmbargoPct);
        Assert.Equal([69, 59, 59, 59, 70], trainSizes); // last fold: purge 70..79, no embargo room after 99: 0..69
        var fold2 = 1.0;
        for (var t = 40; t < 60; t++)
        {
            fold2 *= 1 + (0.25 * a[t]) + (0.75 * b[t]);
        }

        Assert.Equal(fold2 - 1, result.Results[2].TestReturn, 15);
        Assert.Equal((40, 60, 59), (result.Results[2].TestStart, result.Results[2].TestEnd, result.Results[2].TrainCount));
    }
}
