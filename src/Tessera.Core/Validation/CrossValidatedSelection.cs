using Tessera.Core.Errors;
using Tessera.Core.Metrics;

namespace Tessera.Core.Validation;

/// <summary>One CV split: candidate chosen on the purged training observations and its Sharpe on the test observations.</summary>
public sealed record CvSplitResult(int Split, int[] TestGroups, int Chosen, double TrainSharpe, double TestSharpe, int TrainCount, int TestCount);

/// <summary>
/// Result of a purged cross-validation of a parameter choice: per-split results, for CPCV the annualized Sharpe of
/// each assembled out-of-sample path, the PBO of the candidate set (CSCV, 16 blocks) and the DSR of the candidate
/// with the best full-sample Sharpe given the number of candidates tried.
/// </summary>
public sealed record CvEvaluation(string Method, IReadOnlyList<CvSplitResult> Splits, double[] PathSharpes, double Pbo, double DeflatedSharpe, int BestCandidate);

/// <summary>
/// Purged K-fold and CPCV applied to strategy selection. Observations are the candidates' daily returns; observation t's
/// label spans [t, t + labelHorizon] (a position opened on bar t can be held that long), which is what purging and the
/// embargo protect. In each split the candidate with the best Sharpe on the training observations is chosen and scored
/// on the test observations (Sharpe annualized with 252).
/// </summary>
public static class CrossValidatedSelection
{
    public static CvEvaluation PurgedKFold(IReadOnlyList<double[]> candidateReturns, int folds = 5, int labelHorizon = 5, double embargoPct = 0.01, int gap = 0)
    {
        var labels = Labels(candidateReturns, labelHorizon);
        var splits = Validation.PurgedKFold.Split(labels, folds, embargoPct, gap);
        var results = new List<CvSplitResult>(splits.Count);
        foreach (var s in splits)
        {
            results.Add(Evaluate(candidateReturns, s, [s.Index]));
        }

        return Finish("purged-kfold", candidateReturns, results, []);
    }

    public static CvEvaluation Cpcv(IReadOnlyList<double[]> candidateReturns, int groups = 6, int testGroups = 2, int labelHorizon = 5, double embargoPct = 0.01, int gap = 0)
    {
        var labels = Labels(candidateReturns, labelHorizon);
        var cv = CombinatorialPurgedCv.Create(labels, groups, testGroups, embargoPct, gap);
        var results = new List<CvSplitResult>(cv.Splits.Count);
        var oos = new List<double[]>(cv.Splits.Count);
        foreach (var s in cv.Splits)
        {
            var r = Evaluate(candidateReturns, s, cv.TestGroupsOfSplit[s.Index]);
            results.Add(r);
            oos.Add(candidateReturns[r.Chosen]);
        }

        var paths = cv.AssemblePaths(oos);
        var pathSharpes = paths.Select(p => PerformanceMetrics.Sharpe(p)).ToArray();
        return Finish("cpcv", candidateReturns, results, pathSharpes);
    }

    private static CvEvaluation Finish(string method, IReadOnlyList<double[]> candidateReturns, List<CvSplitResult> results, double[] pathSharpes)
    {
        var pbo = double.NaN;
        if (candidateReturns.Count >= 2 && candidateReturns[0].Length >= 32)
        {
            pbo = BacktestOverfitting.Cscv(candidateReturns, 16).Pbo;
        }

        var periodSharpes = candidateReturns.Select(r => PerformanceMetrics.PeriodSharpe(r)).ToArray();
        var best = 0;
        for (var c = 1; c < periodSharpes.Length; c++)
        {
            if (periodSharpes[c] > periodSharpes[best])
            {
                best = c;
            }
        }

        var dsr = candidateReturns.Count >= 2
            ? SharpeSignificance.Deflated(candidateReturns[best], periodSharpes)
            : SharpeSignificance.Probabilistic(candidateReturns[best]);
        return new CvEvaluation(method, results, pathSharpes, pbo, dsr, best);
    }

    private static CvSplitResult Evaluate(IReadOnlyList<double[]> candidateReturns, CvSplit split, int[] testGroups)
    {
        var best = 0;
        var bestSharpe = double.NegativeInfinity;
        var buffer = new double[split.Train.Length];
        for (var c = 0; c < candidateReturns.Count; c++)
        {
            for (var i = 0; i < split.Train.Length; i++)
            {
                buffer[i] = candidateReturns[c][split.Train[i]];
            }

            var sharpe = PerformanceMetrics.Sharpe(buffer);
            if (sharpe > bestSharpe)
            {
                best = c;
                bestSharpe = sharpe;
            }
        }

        var test = new double[split.Test.Length];
        for (var i = 0; i < test.Length; i++)
        {
            test[i] = candidateReturns[best][split.Test[i]];
        }

        return new CvSplitResult(split.Index, testGroups, best, bestSharpe, PerformanceMetrics.Sharpe(test), split.Train.Length, split.Test.Length);
    }

    private static LabelIntervals Labels(IReadOnlyList<double[]> candidateReturns, int labelHorizon)
    {
        ArgumentNullException.ThrowIfNull(candidateReturns);
        if (candidateReturns.Count == 0)
        {
            throw new TesseraValidationException("candidates", "0", "need at least one candidate");
        }

        if (labelHorizon < 0)
        {
            throw new TesseraValidationException("labelHorizon", labelHorizon.ToString(), "must be >= 0");
        }

        var n = candidateReturns[0].Length;
        foreach (var r in candidateReturns)
        {
            if (r.Length != n)
            {
                throw new TesseraValidationException("returns", r.Length.ToString(), "every candidate needs " + n + " returns");
            }
        }

        return LabelIntervals.FixedHorizon(n, labelHorizon);
    }
}
