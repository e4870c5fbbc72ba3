using System.Globalization;
using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Metrics;
using Tessera.Core.Reports;
using Tessera.Core.Strategies;
using Tessera.Core.Validation;

namespace Tessera.Orchestrations.Backtests;

/// <summary>A named text file a backtest job produces (tearsheet.html, summary.json, ...).</summary>
public sealed record BacktestFile(string Name, string Content);

/// <summary>The event-engine backtest's result with its files.</summary>
public sealed record BacktestOutcome(BacktestResult Result, MetricsSummary Metrics, IReadOnlyList<BacktestFile> Files);

/// <summary>Walk-forward results (one per strategy) with their files.</summary>
public sealed record WalkForwardOutcome(IReadOnlyList<WalkForwardResult> Results, int Splits, IReadOnlyList<BacktestFile> Files);

/// <summary>A cross-validated selection with the candidate labels as shown, and its file.</summary>
/// <summary>The rankers' information-coefficient analyses with their report files.</summary>
public sealed record IcOutcome(IReadOnlyList<RankerIcResult> Results, IReadOnlyList<BacktestFile> Files);

public sealed record ValidationOutcome(CvEvaluation Evaluation, IReadOnlyList<string> Labels, IReadOnlyList<BacktestFile> Files);

/// <summary>
/// The one implementation of backtest, walk-forward and validate over bars already loaded: the CLI
/// (<c>tessera backtest|walkforward|validate</c>) and the BacktestRun activities both call these, so a run through
/// the API and a run at the terminal compute the same numbers and the same files. No I/O, no clock.
/// </summary>
public static class BacktestWork
{
    public const string PurgedKFold = "purged-kfold";
    public const string Cpcv = "cpcv";

    public static BacktestOutcome Backtest(IReadOnlyList<BarSeries> bars, IStrategy strategy, BacktestOptions options, string source, DateTime? from, DateTime? to, string? preset = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(options);
        var universe = BarWindow.Slice(bars, from, to);
        var market = new MarketData(universe);
        var result = EventBacktestEngine.Run(market, strategy.SignalsOverTime(universe), options);
        var metrics = MetricsSummary.From(result);
        var parameters = Parameters(strategy, options, source, from, to);
        if (preset is not null)
        {
            parameters.Insert(0, new("preset", preset));
        }

        var input = new TearSheetInput($"{strategy.Name} backtest", strategy.Name, parameters, result, metrics)
        {
            Validation = [new("psr_vs_zero", SharpeSignificance.Probabilistic(result.Returns()).ToString("0.####", CultureInfo.InvariantCulture))],
            Market = market,
        };
        return new BacktestOutcome(result, metrics, Files(BacktestReportBundle.Build(input)));
    }

    /// <param name="preset">optional strategy preset (<see cref="BacktestPresets"/>): every strategy runs under the preset's
    /// rules (the grid's keys over them) and the preset's sizing; the seed's walk-forward (Kobe81: rsi2, ibs, and).</param>
    public static WalkForwardOutcome WalkForward(
        IReadOnlyList<BarSeries> universe, IReadOnlyList<string> strategies, IReadOnlyList<string> grid, int train, int test, WalkForwardMode mode, Func<string, IProgress<int>?>? progress = null, string? preset = null)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(grid);
        var chosen = preset is null ? null : BacktestPresets.Get(preset);
        var options = chosen is null ? ReferenceRun.Options : ReferenceRun.Options with { Sizer = chosen.Sizing.Build() };
        var data = new MarketData(universe);
        var splits = WalkForwardSplits.Create(data.BarCount, train, test, mode).Count;
        var results = new List<WalkForwardResult>(strategies.Count);
        foreach (var name in strategies)
        {
            var candidates = new List<StrategyCandidate>(grid.Count);
            foreach (var g in grid)
            {
                candidates.Add(Candidate(data, universe, name, chosen is null ? g : chosen.ParametersFor(name, g), g));
            }

            results.Add(Tessera.Core.Validation.WalkForward.Run(name, data, candidates, options, train, test, mode, progress?.Invoke(name), keepSplitRuns: true));
        }

        List<BacktestFile> files =
        [
            new("walkforward.html", WalkForwardReport.Html(results, $"Walk-forward ({mode}, train {train}, test {test})")),
            new("walkforward.json", WalkForwardReport.Json(results)),
            new("walkforward.csv", string.Concat(results.Select(WalkForwardReport.Csv))),
        ];

        // splits/<strategy>/split-NNN/{trades.csv,equity.csv,summary.json}: files in --out, artifacts under the run.
        files.AddRange(Files(WalkForwardSplitArtifacts.Files(results)));
        files.Insert(0, new(ReportIndex.FileName, WalkForwardIndex(results, train, test, mode)));
        return new WalkForwardOutcome(results, splits, files);
    }

    public static ValidationOutcome Validate(
        IReadOnlyList<BarSeries> universe, string strategy, IReadOnlyList<string> grid, string method, int folds, int groups, int testGroups, int horizon, double embargo)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var m = Method(method);
        var data = new MarketData(universe);
        var candidates = new List<StrategyCandidate>(grid.Count);
        foreach (var g in grid)
        {
            candidates.Add(Candidate(data, universe, strategy, g));
        }

        var returns = Tessera.Core.Validation.WalkForward.CandidateReturns(data, candidates, ReferenceRun.Options);
        var evaluation = m == Cpcv
            ? CrossValidatedSelection.Cpcv(returns, groups, testGroups, horizon, embargo)
            : CrossValidatedSelection.PurgedKFold(returns, folds, horizon, embargo);
        var shown = grid.Select(l => l.Length == 0 ? "defaults" : l).ToList();
        return new ValidationOutcome(evaluation, shown, [new("validation.json", ValidationReport.Json(strategy, shown, evaluation))]);
    }

    /// <summary>
    /// Rank IC and IC half-life of cross-sectional rankers (<c>tessera ic</c>): each ranker's own scores against
    /// forward returns at horizons 1..<paramref name="horizons"/>. A strategy that is not a cross-sectional ranker is refused.
    /// </summary>
    public static IcOutcome InformationCoefficient(IReadOnlyList<BarSeries> universe, IReadOnlyList<string> rankers, string? parameters, int horizons, string source)
    {
        ArgumentNullException.ThrowIfNull(rankers);
        if (rankers.Count == 0)
        {
            throw new TesseraValidationException("--rankers", string.Empty, "name at least one ranker: " + string.Join(", ", RankerNames()));
        }

        var results = new List<RankerIcResult>(rankers.Count);
        foreach (var name in rankers)
        {
            if (StrategyFactory.Create(name, parameters) is not CrossSectionalRankStrategy ranker)
            {
                throw new TesseraValidationException("--rankers", name, "is not a cross-sectional ranker; rankers: " + string.Join(", ", RankerNames()));
            }

            results.Add(RankerIc.Analyze(ranker.Name, ranker.CanonicalParameters, universe, ranker.Scores, horizons));
        }

        return new IcOutcome(results, Files(IcReport.Files(results, source)));
    }

    /// <summary>The registered strategies that rank a cross-section (they have per-bar scores).</summary>
    public static IReadOnlyList<string> RankerNames() =>
        [.. StrategyRegistry.Default.Names.Where(n => StrategyRegistry.Default.Create(n) is CrossSectionalRankStrategy)];

    /// <summary>The validation method, normalized; anything but purged-kfold or cpcv is refused.</summary>
    public static string Method(string? method)
    {
        var m = (method ?? string.Empty).Trim().ToLowerInvariant();
        return m is PurgedKFold or Cpcv ? m : throw new TesseraValidationException("method", method, "must be purged-kfold or cpcv");
    }

    /// <summary>The backtest's options: the reference run with the caller's cash, costs and fixed-fraction sizer.</summary>
    public static BacktestOptions Options(double cash, double slippageBps, double commissionPerShare, double fraction) =>
        ReferenceRun.Options with
        {
            InitialCash = cash,
            Costs = new CostModel(SlippageBps: slippageBps, CommissionPerShare: commissionPerShare),
            Sizer = new FixedFractionSizer(fraction),
        };

    /// <summary>The backtest's options: the reference run with the caller's cash, costs and sizer.</summary>
    public static BacktestOptions Options(double cash, double slippageBps, double commissionPerShare, IPositionSizer sizer) =>
        ReferenceRun.Options with
        {
            InitialCash = cash,
            Costs = new CostModel(SlippageBps: slippageBps, CommissionPerShare: commissionPerShare),
            Sizer = sizer,
        };

    /// <summary>
    /// The strategy and sizing of a backtest, with an optional preset (<see cref="BacktestPresets"/>): the preset's
    /// parameters for the strategy under the caller's <paramref name="parameters"/>, and its sizing unless
    /// <paramref name="sizing"/> is given; without a preset, <paramref name="sizing"/> or the default fixed 5 % of equity.
    /// </summary>
    public static (IStrategy Strategy, IPositionSizer Sizer) Resolve(string strategy, string? parameters, string? preset, SizingSpec? sizing)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (preset is null)
        {
            return (StrategyFactory.Create(strategy, parameters), (sizing ?? new SizingSpec()).Build());
        }

        var p = BacktestPresets.Get(preset);
        return (StrategyFactory.Create(strategy, p.ParametersFor(strategy, parameters)), (sizing ?? p.Sizing).Build());
    }

    /// <summary>The default options of <c>tessera backtest</c> (reference costs, 5 % of equity per entry).</summary>
    public static BacktestOptions DefaultOptions => Options(ReferenceRun.Options.InitialCash, ReferenceRun.Options.Costs.SlippageBps, ReferenceRun.Options.Costs.CommissionPerShare, 0.05);

    /// <summary>index.html of a walk-forward: the report, then each split's summary with its test figures.</summary>
    private static string WalkForwardIndex(List<WalkForwardResult> results, int train, int test, WalkForwardMode mode)
    {
        var entries = new List<ReportIndexEntry> { new("walkforward.html", "walk-forward", $"all strategies, stability and splits", []) };
        foreach (var r in results)
        {
            foreach (var run in r.SplitRuns)
            {
                var folder = WalkForwardSplitArtifacts.Folder(r.Strategy, run.Row.Split);
                entries.Add(new(folder + "/summary.json", "split", $"{r.Strategy} split {run.Row.Split.ToString(CultureInfo.InvariantCulture)} ({run.Row.Chosen})",
                    ReportIndex.Headline(run.Row.TestReturn, run.Row.TestSharpe, run.Row.TestMaxDrawdown, run.Row.TestTrades)));
            }
        }

        return ReportIndex.Html(string.Create(CultureInfo.InvariantCulture, $"Walk-forward ({mode}, train {train}, test {test})"), entries);
    }

    private static StrategyCandidate Candidate(MarketData data, IReadOnlyList<BarSeries> universe, string name, string parameters, string? label = null)
    {
        var s = StrategyFactory.Create(name, parameters);
        var book = SignalBook.Create(data, s.SignalsOverTime(universe));
        label ??= parameters;
        return new StrategyCandidate(label.Length == 0 ? "defaults" : label, [new("canonical", s.CanonicalParameters)], SignalMatrix.From(data, book));
    }

    private static List<KeyValuePair<string, string>> Parameters(IStrategy s, BacktestOptions o, string source, DateTime? from, DateTime? to) =>
    [
        new("strategy", s.CanonicalParameters),
        new("parameters_sha256", s.ParametersHash),
        new("data", source),
        new("from", from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "start"),
        new("to", to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "end"),
        new("initial_cash", o.InitialCash.ToString("R", CultureInfo.InvariantCulture)),
        new("sizer", o.Sizer.Description),
        new("slippage_bps", o.Costs.SlippageBps.ToString("R", CultureInfo.InvariantCulture)),
        new("commission_per_share", o.Costs.CommissionPerShare.ToString("R", CultureInfo.InvariantCulture)),
        new("fills", "signal at close(t), fill at open(t+1); stops intrabar, gap-through at the open"),
    ];

    private static List<BacktestFile> Files(IReadOnlyList<KeyValuePair<string, string>> files) => files.Select(f => new BacktestFile(f.Key, f.Value)).ToList();
}
