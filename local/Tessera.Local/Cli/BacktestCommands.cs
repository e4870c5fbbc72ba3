using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Backtests;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Universe;
using Tessera.Storage.Lakehouse;
using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Metrics;
using Tessera.Core.Reports;
using Tessera.Core.Strategies;
using Tessera.Core.Validation;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera backtest</c> (event engine + tear sheet, summary.json, trades.csv, equity.csv),
/// <c>tessera walkforward</c> (rolling/anchored walk-forward of several strategies, one row per split + stability) and
/// <c>tessera validate</c> (purged K-fold or CPCV of a parameter grid, with PBO and DSR). Thin host: parse, call
/// <see cref="BacktestWork"/> (the code BacktestRun's activities call too), print, write files.
/// </summary>
public static class BacktestCommands
{
    public static Command BuildBacktest(CliContext context)
    {
        var strategy = new Option<string>("--strategy") { Description = "Strategy name: " + string.Join(", ", StrategyRegistry.Default.Names), Required = true };
        var parameters = new Option<string?>("--params") { Description = "Parameter overrides k=v,... (names of the strategy's parameter record, e.g. MaxHoldBars=3)" };
        var csv = CsvOption();
        var universeName = UniverseOption();
        var from = new Option<DateTime?>("--from") { Description = "First date (UTC, inclusive)" };
        var to = new Option<DateTime?>("--to") { Description = "Last date (UTC, inclusive)" };
        var cash = new Option<double>("--cash") { Description = "Initial cash", DefaultValueFactory = _ => ReferenceRun.Options.InitialCash };
        var slippage = new Option<double>("--slippage-bps") { Description = "Slippage per fill in basis points", DefaultValueFactory = _ => ReferenceRun.Options.Costs.SlippageBps };
        var commission = new Option<double>("--commission") { Description = "Commission per share", DefaultValueFactory = _ => ReferenceRun.Options.Costs.CommissionPerShare };
        var sizingOptions = new BacktestSizingOptions();
        var preset = new Option<string?>("--preset") { Description = "Strategy preset reproducing a seed: " + string.Join(", ", BacktestPresets.Names) + " (its strategy rules and sizing; --params keys and --sizing override it)" };
        var output = OutOption();
        var command = new Command("backtest", "Backtest one strategy on a bar CSV with the event-driven engine and write a tear sheet");
        foreach (var o in new Option[] { strategy, parameters, preset, csv, universeName, from, to, cash, slippage, commission, output })
        {
            command.Options.Add(o);
        }

        sizingOptions.AddTo(command);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var presetName = parse.GetValue(preset);
            var (chosen, sizer) = BacktestWork.Resolve(parse.GetValue(strategy)!, parse.GetValue(parameters), presetName, sizingOptions.Read(parse, context));
            var options = BacktestWork.Options(parse.GetValue(cash), parse.GetValue(slippage), parse.GetValue(commission), sizer);
            var outDir = OutDir(parse.GetValue(output));
            var (bars, source) = await LoadAsync(context, parse.GetValue(csv), parse.GetValue(universeName), ct).ConfigureAwait(false);
            BacktestOutcome? outcome = null;
            await context.Console.Progress().StartAsync(async p =>
            {
                var run = p.AddTask($"event engine ({TerminalText.Escape(chosen.Name)})", maxValue: 1);
                outcome = BacktestWork.Backtest(bars, chosen, options, source, parse.GetValue(from), parse.GetValue(to), presetName is null ? null : BacktestPresets.Get(presetName).Name);
                run.Increment(1);
                await Task.CompletedTask.ConfigureAwait(false);
            }).ConfigureAwait(false);

            var metrics = outcome!.Metrics;
            var result = outcome.Result;
            await WriteAll(outDir, outcome.Files, ct).ConfigureAwait(false);
            var table = new Table().AddColumns("metric", "value");
            foreach (var (k, v) in metrics.AsPairs())
            {
                table.AddRow(TerminalText.Escape(k), Fmt(v));
            }

            table.AddRow("order_list_sha256", result.OrderListHash());
            context.Console.Write(table);
            context.Console.MarkupLine($"wrote index.html, tearsheet.html, summary.json, trades.csv, equity.csv to [bold]{TerminalText.Escape(outDir)}[/]");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command BuildWalkForward(CliContext context)
    {
        var strategies = new Option<string>("--strategies") { Description = "Comma-separated strategy names", Required = true };
        var grid = new Option<string?>("--grid") { Description = "Optional parameter grid k=v1|v2;k2=... chosen on each train window by Sharpe" };
        var train = new Option<int>("--train") { Description = "Train bars", DefaultValueFactory = _ => WalkForwardSplits.DefaultTrain };
        var test = new Option<int>("--test") { Description = "Test bars", DefaultValueFactory = _ => WalkForwardSplits.DefaultTest };
        var anchored = new Option<bool>("--anchored") { Description = "Anchored (growing) train window instead of rolling" };
        var preset = new Option<string?>("--preset") { Description = "Strategy preset reproducing a seed: " + string.Join(", ", BacktestPresets.Names) + " (its rules under the grid, and its sizing)" };
        var csv = CsvOption();
        var universeName = UniverseOption();
        var output = OutOption();
        var command = new Command("walkforward", "Walk-forward (rolling or anchored) of several strategies: one row per split and stability statistics");
        foreach (var o in new Option[] { strategies, grid, train, test, anchored, preset, csv, universeName, output })
        {
            command.Options.Add(o);
        }

        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var names = parse.GetValue(strategies)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var grids = ParameterGrid.Expand(parse.GetValue(grid));
            var outDir = OutDir(parse.GetValue(output));
            var mode = parse.GetValue(anchored) ? WalkForwardMode.Anchored : WalkForwardMode.Rolling;
            var (universe, _) = await LoadAsync(context, parse.GetValue(csv), parse.GetValue(universeName), ct).ConfigureAwait(false);
            var started = DateTime.UtcNow;
            WalkForwardOutcome? outcome = null;
            await context.Console.Progress().StartAsync(async p =>
            {
                var splits = WalkForwardSplits.Create(new MarketData(universe).BarCount, parse.GetValue(train), parse.GetValue(test), mode).Count;
                outcome = BacktestWork.WalkForward(universe, names, grids, parse.GetValue(train), parse.GetValue(test), mode, name => new SynchronousProgress(p.AddTask(TerminalText.Escape(name), maxValue: splits)), parse.GetValue(preset));
                await Task.CompletedTask.ConfigureAwait(false);
            }).ConfigureAwait(false);

            var results = outcome!.Results;
            var splitCount = outcome.Splits;
            await WriteAll(outDir, outcome.Files, ct).ConfigureAwait(false);
            var table = new Table().AddColumns("strategy", "splits", "mean Sharpe", "median Sharpe", "sd Sharpe", "worst DD", "profitable");
            foreach (var r in results)
            {
                var s = r.Stability;
                table.AddRow(TerminalText.Escape(r.Strategy), s.Splits.ToString(CultureInfo.InvariantCulture), Fmt(s.MeanSharpe), Fmt(s.MedianSharpe), Fmt(s.SdSharpe), Fmt(s.WorstDrawdown), Fmt(s.ProfitableShare));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{results.Count} strategies x {splitCount} splits in {(DateTime.UtcNow - started).TotalSeconds:F2} s; wrote index.html, walkforward.html/json/csv and splits/<strategy>/split-NNN/(trades.csv, equity.csv, summary.json) to [bold]{TerminalText.Escape(outDir)}[/]");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command BuildValidate(CliContext context)
    {
        var method = new Option<string>("--method") { Description = "purged-kfold or cpcv", Required = true };
        var strategy = new Option<string>("--strategy") { Description = "Strategy name", Required = true };
        var grid = new Option<string?>("--grid") { Description = "Parameter grid k=v1|v2;k2=... (the candidate set; default: defaults only)" };
        var folds = new Option<int>("--folds") { Description = "Purged K-fold: number of folds", DefaultValueFactory = _ => 5 };
        var groups = new Option<int>("--groups") { Description = "CPCV: number of groups N", DefaultValueFactory = _ => 6 };
        var testGroups = new Option<int>("--test-groups") { Description = "CPCV: test groups k", DefaultValueFactory = _ => 2 };
        var horizon = new Option<int>("--horizon") { Description = "Label horizon in bars (purging)", DefaultValueFactory = _ => 5 };
        var embargo = new Option<double>("--embargo") { Description = "Embargo as a fraction of observations", DefaultValueFactory = _ => 0.01 };
        var csv = CsvOption();
        var universeName = UniverseOption();
        var output = OutOption();
        var command = new Command("validate", "Purged K-fold or combinatorial purged CV of a strategy's parameter grid, with PBO (CSCV) and deflated Sharpe");
        foreach (var o in new Option[] { method, strategy, grid, folds, groups, testGroups, horizon, embargo, csv, universeName, output })
        {
            command.Options.Add(o);
        }

        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var m = BacktestWork.Method(parse.GetValue(method));
            var name = parse.GetValue(strategy)!;
            var labels = ParameterGrid.Expand(parse.GetValue(grid));
            var outDir = OutDir(parse.GetValue(output));
            var (universe, _) = await LoadAsync(context, parse.GetValue(csv), parse.GetValue(universeName), ct).ConfigureAwait(false);
            ValidationOutcome? outcome = null;
            await context.Console.Progress().StartAsync(async p =>
            {
                var task = p.AddTask($"candidates ({labels.Count})", maxValue: 1);
                outcome = BacktestWork.Validate(universe, name, labels, m, parse.GetValue(folds), parse.GetValue(groups), parse.GetValue(testGroups), parse.GetValue(horizon), parse.GetValue(embargo));
                task.Increment(1);
                await Task.CompletedTask.ConfigureAwait(false);
            }).ConfigureAwait(false);

            var evaluation = outcome!.Evaluation;
            var shown = outcome.Labels;
            await WriteAll(outDir, outcome.Files, ct).ConfigureAwait(false);
            var table = new Table().AddColumns("split", "test groups", "chosen", "train Sharpe", "test Sharpe");
            foreach (var s in evaluation.Splits)
            {
                table.AddRow(s.Split.ToString(CultureInfo.InvariantCulture), string.Join(' ', s.TestGroups), TerminalText.Escape(shown[s.Chosen]), Fmt(s.TrainSharpe), Fmt(s.TestSharpe));
            }

            context.Console.Write(table);
            var summary = new Table().AddColumns("candidates", "PBO", "DSR (best)", "paths", "mean path Sharpe");
            summary.AddRow(labels.Count.ToString(CultureInfo.InvariantCulture), Fmt(evaluation.Pbo), Fmt(evaluation.DeflatedSharpe), evaluation.PathSharpes.Length.ToString(CultureInfo.InvariantCulture), evaluation.PathSharpes.Length == 0 ? "-" : Fmt(evaluation.PathSharpes.Average()));
            context.Console.Write(summary);
            context.Console.MarkupLine($"wrote validation.json to [bold]{TerminalText.Escape(outDir)}[/]");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static Option<string?> CsvOption() => new("--csv") { Description = "Bar CSV (long format symbol,date,open,high,low,close,volume; .gz ok); or use --universe" };

    internal static Option<string?> UniverseOption() => new("--universe") { Description = "Profile name (config/profiles) whose universe to use: its synthetic market or the current lakehouse snapshot; or use --csv" };

    internal static Option<string> OutOption() => new("--out") { Description = "Output directory", Required = true };

    /// <summary>Checks --out; creates nothing (<see cref="OutputFolder"/>).</summary>
    internal static string OutDir(string? path) => OutputFolder.Validate(path);

    /// <summary>Writes the outputs through a temporary sibling folder renamed into place (<see cref="OutputFolder"/>).</summary>
    internal static Task WriteAll(string dir, IReadOnlyList<BacktestFile> files, CancellationToken ct) => OutputFolder.WriteAsync(dir, files, ct);

    /// <summary>Bars from --csv FILE or from --universe PROFILE (exactly one), with a label for the report.</summary>
    internal static async Task<(List<BarSeries> Bars, string Source)> LoadAsync(CliContext context, string? csvPath, string? profileName, CancellationToken ct)
    {
        if ((csvPath is null) == (profileName is null))
        {
            throw new TesseraValidationException("--csv", csvPath ?? profileName, "give exactly one of --csv FILE or --universe PROFILE");
        }

        if (csvPath is not null)
        {
            return (BarCsvInput.Load(context, csvPath), Path.GetFileName(csvPath));
        }

        var profile = ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR")).Get(profileName!);
        if (profile.Universe.Source != UniverseSource.Lakehouse)
        {
            var synthetic = await UniverseLoader.LoadAsync(profile.Universe, null, null, ct).ConfigureAwait(false);
            return ([.. synthetic.Bars], $"universe {profile.Name} (synthetic, seed {profile.Universe.Seed})");
        }

        await using var store = await LocalStorage.OpenAsync(context, null, ct, readOnly: true).ConfigureAwait(false);
        var lake = new Lakehouse(store.Blobs, TimeProvider.System);
        var pinned = await SnapshotPin.CurrentAsync(lake, ct).ConfigureAwait(false);
        var loaded = await UniverseLoader.LoadAsync(profile.Universe, pinned, lake, ct).ConfigureAwait(false);
        return ([.. loaded.Bars], $"universe {profile.Name} (lakehouse version {pinned.Version})");
    }

    internal static string Fmt(double v) => double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reports on the calling thread (System.Progress posts to the thread pool, which would reorder the bar).</summary>
    private sealed class SynchronousProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Increment(1);
    }
}
