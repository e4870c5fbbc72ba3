using System.Globalization;
using System.Text.Json;
using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Reports;
using Tessera.Core.Validation;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Reports;

/// <summary>Issue 16 item 4 (Kobe81 seed: "backtest and walk-forward" with per-split outputs): one folder per split with trades, equity, summary.</summary>
public sealed class WalkForwardSplitArtifactsTests
{
    private static readonly BacktestOptions Options = new() { InitialCash = 50_000, Sizer = new FixedFractionSizer(0.3), Costs = new CostModel(5, 1) };

    private static (MarketData Data, List<StrategyCandidate> Candidates) Setup()
    {
        var data = new MarketData([RandomWalk("A", 400, 31), RandomWalk("B", 400, 32), RandomWalk("C", 400, 33)]);
        var candidates = new List<StrategyCandidate>();
        for (var k = 0; k < 3; k++)
        {
            var book = SignalBook.Create(data, RandomSignals(data, 40 + (ulong)k, 0.1));
            candidates.Add(new StrategyCandidate("random-" + k, [new("seed", k.ToString(CultureInfo.InvariantCulture))], SignalMatrix.From(data, book)));
        }

        return (data, candidates);
    }

    [Fact]
    public void Keeping_split_runs_changes_no_figure_and_each_run_is_the_fast_tier_on_its_test_window()
    {
        var (data, candidates) = Setup();
        var plain = WalkForward.Run("random", data, candidates, Options, train: 100, test: 50);
        var kept = WalkForward.Run("random", data, candidates, Options, train: 100, test: 50, keepSplitRuns: true);
        Assert.Empty(plain.SplitRuns);
        Assert.Equal(plain.Rows, kept.Rows);
        Assert.Equal(plain.OutOfSampleReturns, kept.OutOfSampleReturns);
        Assert.Equal(6, kept.SplitRuns.Count);
        foreach (var run in kept.SplitRuns)
        {
            var testStart = (run.Row.Split * 50) + 100;
            var chosen = candidates.Single(c => c.Label == run.Row.Chosen);
            var reference = FastBacktester.Run(data, chosen.Signals, Options with { StartBar = testStart, EndBar = testStart + 50 });
            Assert.Equal(reference.Equity, run.Equity);
            Assert.Equal(reference.Trades!.Count, run.Trades.Count);
            Assert.Equal(run.Row.TestTrades, run.Trades.Count);
            Assert.Equal(data.Calendar[testStart..(testStart + 50)], run.Timestamps);
            Assert.Equal(chosen.Parameters, run.Parameters);
            Assert.Equal(run.Row.TestFinalEquity, run.Equity[^1]);
        }
    }

    [Fact]
    public void Every_split_gets_a_folder_with_trades_equity_and_summary_that_agree_with_its_row()
    {
        var (data, candidates) = Setup();
        var result = WalkForward.Run("rsi/2 <x>", data, candidates, Options, train: 100, test: 50, keepSplitRuns: true);
        var files = WalkForwardSplitArtifacts.Files([result]).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        Assert.Equal(6 * 3, files.Count);
        foreach (var run in result.SplitRuns)
        {
            // '/' and '<' '>' ' ' in the strategy name become '_': one folder level, no traversal.
            var folder = "splits/rsi_2__x_/split-" + run.Row.Split.ToString("000", CultureInfo.InvariantCulture);
            Assert.Equal(folder, WalkForwardSplitArtifacts.Folder(result.Strategy, run.Row.Split));
            var trades = files[folder + "/trades.csv"].TrimEnd('\n').Split('\n');
            Assert.Equal(run.Trades.Count + 1, trades.Length);
            Assert.StartsWith("symbol,direction,entry_time", trades[0], StringComparison.Ordinal);

            var equity = files[folder + "/equity.csv"].TrimEnd('\n').Split('\n');
            Assert.Equal("time,equity,drawdown", equity[0]);
            Assert.Equal(51, equity.Length);
            var last = equity[^1].Split(',');
            Assert.Equal(BacktestArtifacts.Iso(run.Row.TestEndUtcMs), last[0]);
            Assert.Equal(run.Row.TestFinalEquity, double.Parse(last[1], CultureInfo.InvariantCulture));

            // Drawdown column: 1 - equity / running peak, the peak starting at the initial cash (hand rule, recomputed).
            var peak = run.InitialCash;
            for (var t = 0; t < run.Equity.Length; t++)
            {
                peak = Math.Max(peak, run.Equity[t]);
                Assert.Equal(1 - (run.Equity[t] / peak), double.Parse(equity[t + 1].Split(',')[2], CultureInfo.InvariantCulture));
            }

            using var summary = JsonDocument.Parse(files[folder + "/summary.json"]);
            var root = summary.RootElement;
            Assert.Equal(run.Row.Split, root.GetProperty("split").GetInt32());
            Assert.Equal(run.Row.Chosen, root.GetProperty("chosen").GetString());
            Assert.Equal(run.Parameters[0].Value, root.GetProperty("parameters").GetProperty("seed").GetString());
            Assert.Equal(run.Row.TestTrades, root.GetProperty("test_trades").GetInt32());
            Assert.Equal(run.Row.TestFinalEquity, root.GetProperty("test_final_equity").GetDouble());
            Assert.Equal(50, root.GetProperty("test_bars").GetInt32());
            Assert.Equal(run.Trades.Sum(t => t.NetPnl), root.GetProperty("test_closed_trades_net_pnl").GetDouble(), 9);
        }

        // The walk-forward page links each split's files.
        var html = WalkForwardReport.Html([result], "wf");
        Assert.Contains("href=\"splits/rsi_2__x_/split-005/trades.csv\"", html, StringComparison.Ordinal);

        // The chained out-of-sample chart has date ticks (first: the first test bar) and percent ticks, a dot per split.
        Assert.Contains("<figcaption>Out-of-sample cumulative return (splits chained)</figcaption>", html, StringComparison.Ordinal);
        var firstTick = System.Text.RegularExpressions.Regex.Match(html, "class=\"x-tick\"[^>]*>([^<]*)<").Groups[1].Value;
        Assert.Equal(BacktestArtifacts.Iso(result.Rows[0].TestStartUtcMs)[..10], firstTick);
        Assert.Contains("%</text>", html, StringComparison.Ordinal);
        Assert.Equal(6, html.Split("class=\"marker dot\"").Length - 1);
    }

    [Fact]
    public void Without_kept_runs_there_are_no_split_files_and_no_link_column()
    {
        var (data, candidates) = Setup();
        var result = WalkForward.Run("random", data, candidates, Options, train: 100, test: 50);
        Assert.Empty(WalkForwardSplitArtifacts.Files([result]));
        Assert.DoesNotContain("split files", WalkForwardReport.Html([result], "wf"), StringComparison.Ordinal);
    }
}
