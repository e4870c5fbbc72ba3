using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Metrics;

namespace Tessera.Core.Validation;

/// <summary>One fold of a purged cross-validation of an allocation method: how many rows it trained on and what its weights earned on the test rows.</summary>
public sealed record AllocationFoldResult(int Fold, int TestStart, int TestEnd, int TrainCount, double TestReturn, double TestSharpe);

/// <summary>Purged K-fold of an allocation method: settings, folds, and the mean and dispersion of the test Sharpes.</summary>
public sealed record AllocationPurgedCvResult(int Folds, int LabelHorizon, double EmbargoPct, int Gap, IReadOnlyList<AllocationFoldResult> Results, double MeanTestSharpe, double TestSharpeStdDev, double ShareOfProfitableFolds);

/// <summary>
/// Purged K-fold with embargo and gap (<see cref="PurgedKFold"/>) applied to an allocation method on fixed return
/// streams: in each fold the allocator sees only the purged training rows (which are not contiguous: rows before and
/// after the test block, minus the purged and embargoed ones), and its weights are held as a constant mix over the
/// test block, r_p(t) = sum_i w_i r_i(t). Row t's label spans [t, t + labelHorizon].
/// </summary>
public static class AllocationPurgedCv
{
    public static AllocationPurgedCvResult Run(
        IReadOnlyList<double[]> streams,
        Func<double[][], double[]> allocate,
        int folds = PurgedCvDefaults.Folds,
        int labelHorizon = PurgedCvDefaults.LabelHorizon,
        double embargoPct = PurgedCvDefaults.AlphaBlueprintEmbargoPct,
        int gap = PurgedCvDefaults.AlphaBlueprintGap)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(allocate);
        if (streams.Count == 0)
        {
            throw new TesseraValidationException("streams", "0", "at least one return stream is required");
        }

        if (labelHorizon < 0)
        {
            throw new TesseraValidationException("labelHorizon", labelHorizon.ToString(CultureInfo.InvariantCulture), "must be >= 0 bars");
        }

        var length = streams[0].Length;
        var splits = PurgedKFold.Split(LabelIntervals.FixedHorizon(length, labelHorizon), folds, embargoPct, gap);
        var results = new List<AllocationFoldResult>(splits.Count);
        var sharpes = new double[splits.Count];
        var profitable = 0;
        foreach (var split in splits)
        {
            if (split.Train.Length < 2)
            {
                throw new TesseraValidationException("gap", gap.ToString(CultureInfo.InvariantCulture), $"fold {split.Index} keeps {split.Train.Length} training rows after purging; fewer folds or a smaller gap are needed");
            }

            var train = new double[streams.Count][];
            for (var i = 0; i < streams.Count; i++)
            {
                var column = new double[split.Train.Length];
                for (var k = 0; k < column.Length; k++)
                {
                    column[k] = streams[i][split.Train[k]];
                }

                train[i] = column;
            }

            var weights = allocate(train);
            if (weights.Length != streams.Count)
            {
                throw new TesseraValidationException("weights", weights.Length.ToString(CultureInfo.InvariantCulture), $"the allocator must return {streams.Count} weights");
            }

            var test = new double[split.Test.Length];
            for (var k = 0; k < test.Length; k++)
            {
                var r = 0.0;
                for (var i = 0; i < streams.Count; i++)
                {
                    r += weights[i] * streams[i][split.Test[k]];
                }

                test[k] = r;
            }

            var total = PerformanceMetrics.TotalReturn(test);
            profitable += total > 0 ? 1 : 0;
            sharpes[split.Index] = PerformanceMetrics.Sharpe(test);
            results.Add(new AllocationFoldResult(split.Index, split.Test[0], split.Test[^1] + 1, split.Train.Length, total, sharpes[split.Index]));
        }

        return new AllocationPurgedCvResult(
            folds, labelHorizon, embargoPct, gap, results,
            PerformanceMetrics.Mean(sharpes),
            sharpes.Length > 1 ? PerformanceMetrics.SampleStdDev(sharpes) : 0.0,
            profitable / (double)results.Count);
    }
}
