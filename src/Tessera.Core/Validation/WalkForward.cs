using Tessera.Core.Backtest;
using Tessera.Core.Errors;
using Tessera.Core.Metrics;

namespace Tessera.Core.Validation;

/// <summary>One parameter set of a strategy with its signals over the whole history (strategies are causal).</summary>
public sealed record StrategyCandidate(string Label, IReadOnlyList<KeyValuePair<string, string>> Parameters, SignalMatrix Signals);

/// <summary>One walk-forward split: the candidate chosen on train and its out-of-sample (test) figures.</summary>
public sealed record WalkForwardRow(
    int Split,
    long TrainStartUtcMs,
    long TrainEndUtcMs,
    long TestStartUtcMs,
    long TestEndUtcMs,
    string Chosen,
    double TrainSharpe,
    double TestSharpe,
    double TestReturn,
    double TestMaxDrawdown,
    int TestTrades,
    double TestFinalEquity);

/// <summary>Stability of the out-of-sample results across splits (sd uses n - 1).</summary>
public sealed record WalkForwardStability(int Splits, double MeanSharpe, double MedianSharpe, double SdSharpe, double WorstDrawdown, double ProfitableShare)
{
    public static WalkForwardStability From(IReadOnlyList<WalkForwardRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return new WalkForwardStability(0, 0, 0, 0, 0, 0);
        }

        var sharpes = rows.Select(r => r.TestSharpe).ToArray();
        var sorted = sharpes.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return new WalkForwardStability(
            rows.Count,
            PerformanceMetrics.Mean(sharpes),
            median,
            PerformanceMetrics.SampleStdDev(sharpes),
            rows.Max(r => r.TestMaxDrawdown),
            (double)rows.Count(r => r.TestReturn > 0) / rows.Count);
    }
}

public sealed record WalkForwardResult(string Strategy, IReadOnlyList<WalkForwardRow> Rows, WalkForwardStability Stability, double[] OutOfSampleReturns)
{
    /// <summary>The out-of-sample run of every split (trades and equity), when <see cref="WalkForward.Run"/> was asked to keep them; else empty.</summary>
    public IReadOnlyList<WalkForwardSplitRun> SplitRuns { get; init; } = [];
}

/// <summary>
/// One split's out-of-sample run: the row, the chosen candidate's parameters, the test window's bar times and
/// equity after each bar (the run starts flat with <see cref="InitialCash"/>), and its closed trades.
/// </summary>
public sealed record WalkForwardSplitRun(
    WalkForwardRow Row,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    long[] Timestamps,
    double[] Equity,
    double InitialCash,
    IReadOnlyList<Trade> Trades);

/// <summary>
/// Walk-forward evaluation on the fast tier (which equals the event engine). For each split the candidate with the best
/// in-sample Sharpe (lowest index on ties; the only one when a single candidate is given) is run on the test window,
/// starting flat with the full initial cash, so splits are independent; out-of-sample returns are concatenated.
/// </summary>
public static class WalkForward
{
    public static WalkForwardResult Run(
        string strategy,
        MarketData data,
        IReadOnlyList<StrategyCandidate> candidates,
        BacktestOptions options,
        int train = WalkForwardSplits.DefaultTrain,
        int test = WalkForwardSplits.DefaultTest,
        WalkForwardMode mode = WalkForwardMode.Rolling,
        IProgress<int>? progress = null,
        bool keepSplitRuns = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        if (candidates.Count == 0)
        {
            throw new TesseraValidationException("candidates", "0", "need at least one parameter set");
        }

        var splits = WalkForwardSplits.Create(data.BarCount, train, test, mode);
        var rows = new List<WalkForwardRow>(splits.Count);
        var oos = new List<double>(splits.Count * test);
        var splitRuns = new List<WalkForwardSplitRun>(keepSplitRuns ? splits.Count : 0);
        foreach (var split in splits)
        {
            // In-sample Sharpe of every candidate (also of a single one, to compare in- and out-of-sample).
            var best = 0;
            var bestSharpe = double.NaN;
            var trainOptions = options with { StartBar = split.TrainStart, EndBar = split.TrainEnd };
            for (var c = 0; c < candidates.Count; c++)
            {
                var sharpe = SharpeOf(FastBacktester.Run(data, candidates[c].Signals, trainOptions, recordTrades: false));
                if (c == 0 || sharpe > bestSharpe)
                {
                    best = c;
                    bestSharpe = sharpe;
                }
            }

            // Recording trades changes no number (the fast tier counts them either way); it only keeps them.
            var run = FastBacktester.Run(data, candidates[best].Signals, options with { StartBar = split.TestStart, EndBar = split.TestEnd }, recordTrades: keepSplitRuns);
            var curve = Curve(run);
            var returns = ReturnSeries.FromEquity(curve);
            oos.AddRange(returns);
            var row = new WalkForwardRow(
                split.Index,
                data.Calendar[split.TrainStart],
                data.Calendar[split.TrainEnd - 1],
                data.Calendar[split.TestStart],
                data.Calendar[split.TestEnd - 1],
                candidates[best].Label,
                bestSharpe,
                PerformanceMetrics.Sharpe(returns),
                PerformanceMetrics.TotalReturn(returns),
                Drawdown.Analyze(curve).MaxDrawdown,
                run.TradeCount,
                run.FinalEquity);
            rows.Add(row);
            if (keepSplitRuns)
            {
                splitRuns.Add(new WalkForwardSplitRun(row, candidates[best].Parameters, data.Calendar[split.TestStart..split.TestEnd], run.Equity, run.InitialCash, run.Trades ?? []));
            }

            progress?.Report(split.Index + 1);
        }

        return new WalkForwardResult(strategy, rows, WalkForwardStability.From(rows), [.. oos]) { SplitRuns = splitRuns };
    }

    /// <summary>Full-period daily returns of every candidate (fast tier), for CSCV / purged CV / DSR.</summary>
    public static double[][] CandidateReturns(MarketData data, IReadOnlyList<StrategyCandidate> candidates, BacktestOptions options)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var result = new double[candidates.Count][];
        for (var c = 0; c < candidates.Count; c++)
        {
            result[c] = ReturnSeries.FromEquity(Curve(FastBacktester.Run(data, candidates[c].Signals, options, recordTrades: false)));
        }

        return result;
    }

    internal static double[] Curve(FastBacktestResult run)
    {
        var curve = new double[run.Equity.Length + 1];
        curve[0] = run.InitialCash;
        Array.Copy(run.Equity, 0, curve, 1, run.Equity.Length);
        return curve;
    }

    private static double SharpeOf(FastBacktestResult run) => PerformanceMetrics.Sharpe(ReturnSeries.FromEquity(Curve(run)));
}
