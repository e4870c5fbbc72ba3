using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Metrics;
using Tessera.Core.Validation;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Validation;

public sealed class WalkForwardTests
{
    private static (MarketData Data, List<StrategyCandidate> Candidates) Setup()
    {
        var data = new MarketData([RandomWalk("A", 400, 31), RandomWalk("B", 400, 32), RandomWalk("C", 400, 33)]);
        var candidates = new List<StrategyCandidate>();
        for (var k = 0; k < 3; k++)
        {
            var book = SignalBook.Create(data, RandomSignals(data, 40 + (ulong)k, 0.1));
            candidates.Add(new StrategyCandidate("random-" + k, [new("seed", k.ToString())], SignalMatrix.From(data, book)));
        }

        return (data, candidates);
    }

    [Fact]
    public void Each_split_is_the_event_engine_run_on_its_test_window_with_the_best_train_candidate()
    {
        var (data, candidates) = Setup();
        var options = new BacktestOptions { InitialCash = 50_000, Sizer = new FixedFractionSizer(0.3), Costs = new CostModel(5, 1) };
        var result = WalkForward.Run("random", data, candidates, options, train: 100, test: 50);
        Assert.Equal(6, result.Rows.Count);
        Assert.Equal(6 * 50, result.OutOfSampleReturns.Length);
        foreach (var row in result.Rows)
        {
            var trainStart = row.Split * 50;
            var testStart = trainStart + 100;

            // The chosen candidate has the highest in-sample Sharpe (recomputed here with the event engine).
            var trainSharpes = candidates.Select(c =>
                PerformanceMetrics.Sharpe(EventBacktestEngine.Run(data, ToBook(data, c), options with { StartBar = trainStart, EndBar = testStart }).Returns())).ToList();
            var best = trainSharpes.IndexOf(trainSharpes.Max());
            Assert.Equal(candidates[best].Label, row.Chosen);
            Assert.Equal(trainSharpes[best], row.TrainSharpe, 12);

            var test = EventBacktestEngine.Run(data, ToBook(data, candidates[best]), options with { StartBar = testStart, EndBar = testStart + 50 });
            Assert.Equal(PerformanceMetrics.Sharpe(test.Returns()), row.TestSharpe, 12);
            Assert.Equal(test.FinalEquity, row.TestFinalEquity, 9);
            Assert.Equal(test.Trades.Count, row.TestTrades);
            Assert.Equal(data.Calendar[testStart], row.TestStartUtcMs);
        }
    }

    [Fact]
    public void A_single_candidate_still_reports_its_in_sample_sharpe_and_anchored_windows_grow()
    {
        var (data, candidates) = Setup();
        var options = new BacktestOptions { Sizer = new FixedFractionSizer(0.3) };
        var result = WalkForward.Run("one", data, [candidates[0]], options, train: 100, test: 100, mode: WalkForwardMode.Anchored);
        Assert.Equal(3, result.Rows.Count);
        var last = result.Rows[^1];
        Assert.Equal(data.Calendar[0], last.TrainStartUtcMs);
        var train = EventBacktestEngine.Run(data, ToBook(data, candidates[0]), options with { StartBar = 0, EndBar = 300 });
        Assert.Equal(PerformanceMetrics.Sharpe(train.Returns()), last.TrainSharpe, 12);
    }

    [Fact]
    public void Stability_statistics_are_hand_derived_from_rows()
    {
        static WalkForwardRow Row(int i, double sharpe, double ret, double dd) => new(i, 0, 0, 0, 0, "x", 0, sharpe, ret, dd, 1, 1);
        var s = WalkForwardStability.From([Row(0, 1, 0.02, 0.05), Row(1, -1, -0.01, 0.12), Row(2, 3, 0.04, 0.03), Row(3, 0.5, 0.0, 0.02)]);
        Assert.Equal(4, s.Splits);
        Assert.Equal(0.875, s.MeanSharpe, 12);
        Assert.Equal(0.75, s.MedianSharpe, 12);
        var sd = Math.Sqrt((Math.Pow(0.125, 2) + Math.Pow(1.875, 2) + Math.Pow(2.125, 2) + Math.Pow(0.375, 2)) / 3);
        Assert.Equal(sd, s.SdSharpe, 12);
        Assert.Equal(0.12, s.WorstDrawdown);
        Assert.Equal(0.5, s.ProfitableShare);
    }

    [Fact]
    public void Cross_validated_selection_reports_splits_paths_pbo_and_dsr()
    {
        var (data, candidates) = Setup();
        var returns = WalkForward.CandidateReturns(data, candidates, new BacktestOptions { Sizer = new FixedFractionSizer(0.3) });
        Assert.All(returns, r => Assert.Equal(400, r.Length));

        var kfold = CrossValidatedSelection.PurgedKFold(returns, folds: 5, labelHorizon: 5);
        Assert.Equal(5, kfold.Splits.Count);
        Assert.All(kfold.Splits, s => Assert.Equal(80, s.TestCount));
        Assert.InRange(kfold.Pbo, 0, 1);
        Assert.InRange(kfold.DeflatedSharpe, 0, 1);

        var cpcv = CrossValidatedSelection.Cpcv(returns, groups: 6, testGroups: 2, labelHorizon: 5);
        Assert.Equal(15, cpcv.Splits.Count);
        Assert.Equal(5, cpcv.PathSharpes.Length);

        // A candidate that earns a constant premium on top of another's returns is always chosen and never overfit.
        var dominated = returns.Select(r => r.ToArray()).ToList();
        dominated.Add(dominated[0].Select(x => x + 0.01).ToArray());
        var clear = CrossValidatedSelection.Cpcv(dominated);
        Assert.All(clear.Splits, s => Assert.Equal(3, s.Chosen));
        Assert.Equal(0, clear.Pbo);
        Assert.Equal(3, clear.BestCandidate);
    }

    private static SignalBook ToBook(MarketData data, StrategyCandidate c)
    {
        var list = new List<Tessera.Core.Signals.Signal>();
        for (var t = 0; t < data.BarCount; t++)
        {
            for (var s = 0; s < data.SymbolCount; s++)
            {
                if (c.Signals.Sides[s][t] is not { } side)
                {
                    continue;
                }

                var stop = c.Signals.StopPrice[s][t];
                list.Add(new Tessera.Core.Signals.Signal(data.Calendar[t], data.Symbols[s], side, c.Signals.Strength[s][t], "x", "h", string.Empty) { StopPrice = double.IsNaN(stop) ? null : stop });
            }
        }

        return SignalBook.Create(data, list);
    }
}
