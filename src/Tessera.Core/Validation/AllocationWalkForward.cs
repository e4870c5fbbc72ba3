using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Metrics;

namespace Tessera.Core.Validation;

/// <summary>One walk-forward split of an allocation method: weights fitted on train, applied to test.</summary>
public sealed record AllocationSplitResult(int Index, int TrainStart, int TrainEnd, int TestStart, int TestEnd, double TestReturn, double TestSharpe, double TestMaxDrawdown);

/// <summary>Out-of-sample figures of an allocation method over all test windows, concatenated.</summary>
public sealed record AllocationWalkForwardResult(
    IReadOnlyList<AllocationSplitResult> Splits,
    double[] OutOfSampleReturns,
    double TotalReturn,
    double Cagr,
    double Volatility,
    double Sharpe,
    double ProbabilisticSharpe,
    double MaxDrawdown,
    double ShareOfProfitableSplits,
    double MeanSplitSharpe,
    double SplitSharpeStdDev);

/// <summary>
/// Walk-forward validation of an allocation method on fixed return streams (column layout, one column per
/// asset or atom): on each split the allocator sees only the train window; its weights are then held as a
/// constant mix (rebalanced every period, no costs) over the test window, r_p(t) = sum_i w_i r_i(t).
/// The test windows' returns are concatenated into one out-of-sample series.
/// </summary>
public static class AllocationWalkForward
{
    public static AllocationWalkForwardResult Run(
        IReadOnlyList<double[]> streams,
        Func<double[][], double[]> allocate,
        int train = WalkForwardSplits.DefaultTrain,
        int test = WalkForwardSplits.DefaultTest,
        WalkForwardMode mode = WalkForwardMode.Rolling)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(allocate);
        if (streams.Count == 0)
        {
            throw new TesseraValidationException("streams", "0", "at least one return stream is required");
        }

        var length = streams[0].Length;
        for (var i = 1; i < streams.Count; i++)
        {
            if (streams[i].Length != length)
            {
                throw new TesseraValidationException("streams", streams[i].Length.ToString(CultureInfo.InvariantCulture), $"every stream must have {length} observations");
            }
        }

        var splits = WalkForwardSplits.Create(length, train, test, mode);
        if (splits.Count == 0)
        {
            throw new TesseraValidationException("streams", length.ToString(CultureInfo.InvariantCulture), $"need at least train + test = {train + test} observations for one split");
        }

        var oos = new List<double>(splits.Count * test);
        var rows = new List<AllocationSplitResult>(splits.Count);
        var profitable = 0;
        foreach (var split in splits)
        {
            var trainColumns = new double[streams.Count][];
            for (var i = 0; i < streams.Count; i++)
            {
                trainColumns[i] = streams[i].AsSpan(split.TrainStart, split.TrainEnd - split.TrainStart).ToArray();
            }

            var weights = allocate(trainColumns);
            if (weights.Length != streams.Count)
            {
                throw new TesseraValidationException("weights", weights.Length.ToString(CultureInfo.InvariantCulture), $"the allocator must return {streams.Count} weights");
            }

            var window = new double[split.TestEnd - split.TestStart];
            for (var t = 0; t < window.Length; t++)
            {
                var r = 0.0;
                for (var i = 0; i < streams.Count; i++)
                {
                    r += weights[i] * streams[i][split.TestStart + t];
                }

                window[t] = r;
            }

            var total = PerformanceMetrics.TotalReturn(window);
            profitable += total > 0 ? 1 : 0;
            rows.Add(new AllocationSplitResult(
                split.Index, split.TrainStart, split.TrainEnd, split.TestStart, split.TestEnd,
                total, PerformanceMetrics.Sharpe(window), Drawdown.Analyze(Drawdown.EquityFromReturns(window)).MaxDrawdown));
            oos.AddRange(window);
        }

        var series = oos.ToArray();
        var splitSharpes = new double[rows.Count];
        for (var k = 0; k < rows.Count; k++)
        {
            splitSharpes[k] = rows[k].TestSharpe;
        }

        return new AllocationWalkForwardResult(
            rows,
            series,
            PerformanceMetrics.TotalReturn(series),
            PerformanceMetrics.Cagr(series),
            PerformanceMetrics.Volatility(series),
            PerformanceMetrics.Sharpe(series),
            SharpeSignificance.Probabilistic(series),
            Drawdown.Analyze(Drawdown.EquityFromReturns(series)).MaxDrawdown,
            profitable / (double)rows.Count,
            PerformanceMetrics.Mean(splitSharpes),
            rows.Count > 1 ? PerformanceMetrics.SampleStdDev(splitSharpes) : 0.0);
    }
}
