using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Tessera.Core.Backtest;
using Tessera.Core.Data;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Tessera.Core.Sep;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera sep allocate|backtest|study</c>: the SEP Top-K allocator (docs/SEP.md) on bars from --csv, --universe or
/// --synthetic-minutes. Thin host: parse, call Core/Sep, print, write JSON.
/// </summary>
public static class SepCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("sep", "The SEP Top-K allocator: coherence / stability / rupture / entropy guards, weighted ranking, 30 % budget");
        command.Subcommands.Add(BuildAllocate(context));
        command.Subcommands.Add(BuildBacktest(context));
        command.Subcommands.Add(BuildStudy(context));
        return command;
    }

    private sealed record Inputs(Option<string?> Csv, Option<string?> Universe, Option<int?> SyntheticDays, Option<int> Symbols, Option<ulong> Seed,
        Option<int> K, Option<int> Look, Option<double> CostBps, Option<double> MarginRate, Option<double> Equity)
    {
        public static Inputs Create() => new(
            new("--csv") { Description = "Bar CSV (daily or minute bars; .gz ok)" },
            new("--universe") { Description = "Profile whose universe to use (synthetic market or the lakehouse snapshot)" },
            new("--synthetic-minutes") { Description = "Generate this many calendar days of synthetic minute bars (NYSE sessions) ending 2024-06-28" },
            new("--symbols") { Description = "Symbols of the synthetic minute market", DefaultValueFactory = _ => 8 },
            new("--seed") { Description = "Seed of the synthetic minute market", DefaultValueFactory = _ => 42UL },
            new("--k") { Description = "Instruments held (K)", DefaultValueFactory = _ => new SepSettings().K },
            new("--look") { Description = "Candles in the metrics window", DefaultValueFactory = _ => new SepSettings().Look },
            new("--cost-bps") { Description = "Costs on traded notional, basis points", DefaultValueFactory = _ => new SepSettings().CostBps },
            new("--margin-rate") { Description = "Margin used per unit of exposure (0.5 Reg T, 1 cash)", DefaultValueFactory = _ => new SepSettings().MarginRate },
            new("--equity") { Description = "Initial equity", DefaultValueFactory = _ => 100_000.0 });

        public void AddTo(Command command)
        {
            foreach (var o in new Option[] { Csv, Universe, SyntheticDays, Symbols, Seed, K, Look, CostBps, MarginRate, Equity })
            {
                command.Options.Add(o);
            }
        }

        public SepSettings Settings(ParseResult p) => new SepSettings
        {
            K = p.GetValue(K),
            Look = p.GetValue(Look),
            CostBps = p.GetValue(CostBps),
            MarginRate = p.GetValue(MarginRate),
        }.Validate();

        public async Task<(MarketData Data, string Source)> LoadAsync(CliContext context, ParseResult p, CancellationToken ct)
        {
            if (p.GetValue(SyntheticDays) is { } days)
            {
                if (p.GetValue(Csv) is not null || p.GetValue(Universe) is not null)
                {
                    throw new TesseraValidationException("--synthetic-minutes", days.ToString(CultureInfo.InvariantCulture), "give one of --csv, --universe or --synthetic-minutes");
                }

                if (days < 1 || days > 400)
                {
                    throw new TesseraValidationException("--synthetic-minutes", days.ToString(CultureInfo.InvariantCulture), "a whole number of days from 1 to 400");
                }

                var last = new DateOnly(2024, 6, 28);
                var bars = SyntheticMinuteMarket.Generate(p.GetValue(Symbols), last.AddDays(-days), last, p.GetValue(Seed));
                return (new MarketData(bars), FormattableString.Invariant($"synthetic minute bars, {bars.Count} symbols, {days} days, seed {p.GetValue(Seed)}"));
            }

            var (series, source) = await BacktestCommands.LoadAsync(context, p.GetValue(Csv), p.GetValue(Universe), ct).ConfigureAwait(false);
            return (new MarketData(series), source);
        }
    }

    private static Command BuildAllocate(CliContext context)
    {
        var inputs = Inputs.Create();
        var command = new Command("allocate", "One evaluation at the last bar: each instrument's metrics, guards, score, selection and weight, and the budget");
        inputs.AddTo(command);
        command.SetGuardedAction(context, async (p, ct) =>
        {
            var settings = inputs.Settings(p);
            var (data, source) = await inputs.LoadAsync(context, p, ct).ConfigureAwait(false);
            var t = data.BarCount - 1;
            var metrics = new SepMetrics?[data.SymbolCount];
            for (var i = 0; i < data.SymbolCount; i++)
            {
                metrics[i] = data.HasBar(i, t) ? SepMetricsCalculator.At(data.High[i], data.Low[i], data.Close[i], data.Volume[i], t, settings.Look) : null;
            }

            var now = DateTimeOffset.FromUnixTimeMilliseconds(data.Calendar[t]);
            var allocation = new SepAllocator(settings, data.SymbolCount).Evaluate(now, now, metrics);
            var equity = p.GetValue(inputs.Equity);
            var targets = SepBudget.Targets(settings, new SepAccount(equity, equity, 0), allocation.Weights, new double[data.SymbolCount]);
            var table = new Table().AddColumns("symbol", "C", "S", "R", "H", "score", "selection", "weight", "target");
            for (var i = 0; i < data.SymbolCount; i++)
            {
                var m = metrics[i];
                table.AddRow(
                    TerminalText.Escape(data.Symbols[i]),
                    F(m?.Coherence), F(m?.Stability), F(m?.Rupture), F(m?.Entropy), F(m is null ? null : allocation.Scores[i]),
                    allocation.Selection[i].ToString(), F(allocation.Weights[i]), targets.Exposures[i].ToString("N0", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            context.Console.MarkupLine(FormattableString.Invariant(
                $"{TerminalText.Escape(source)} at {now:yyyy-MM-dd HH:mm} UTC: budget {targets.Budget:N0}, cap {targets.Cap:N0} per instrument (first evaluation: increases ramp by {settings.RampStep:P0} of the cap)"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command BuildBacktest(CliContext context)
    {
        var inputs = Inputs.Create();
        var output = new Option<string?>("--out") { Description = "Write sep_backtest.json and sep_equity.csv here" };
        var command = new Command("backtest", "Replay the allocator over every bar in event time (cooldowns elapse in replay)");
        inputs.AddTo(command);
        command.Options.Add(output);
        command.SetGuardedAction(context, async (p, ct) =>
        {
            var settings = inputs.Settings(p);
            var (data, source) = await inputs.LoadAsync(context, p, ct).ConfigureAwait(false);
            if (data.BarCount <= settings.Look + 1)
            {
                throw new TesseraValidationException("bars", data.BarCount.ToString(CultureInfo.InvariantCulture), $"more than look + 1 = {settings.Look + 1} bars");
            }

            var result = SepBacktest.Run(data, settings, settings.Look, data.BarCount - 1, p.GetValue(inputs.Equity));
            context.Console.Write(Summary([(0, result)]));
            context.Console.MarkupLine($"{TerminalText.Escape(source)}; {data.SymbolCount} instruments, K = {settings.K}, look = {settings.Look}");
            if (p.GetValue(output) is { } dir)
            {
                var sb = new StringBuilder("bar,equity\n");
                for (var i = 0; i < result.Equity.Length; i++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{i},{result.Equity[i]:R}\n");
                }

                await WriteAsync(dir, "sep_backtest.json", Json(new { source, settings, result = Describe(result) }), ct).ConfigureAwait(false);
                await WriteAsync(dir, "sep_equity.csv", sb.ToString(), ct).ConfigureAwait(false);
                context.Console.MarkupLine($"wrote sep_backtest.json, sep_equity.csv to [bold]{TerminalText.Escape(dir)}[/]");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command BuildStudy(CliContext context)
    {
        var inputs = Inputs.Create();
        var spans = new Option<string>("--spans") { Description = "Span lengths in days, comma-separated", DefaultValueFactory = _ => "14,30,60" };
        var output = new Option<string?>("--out") { Description = "Write sep_study.json here" };
        var command = new Command("study", "The seed's span study: each span its own backtest with identical parameters and the same end; checks trades(60) ≥ trades(30) ≥ trades(14)");
        inputs.AddTo(command);
        command.Options.Add(spans);
        command.Options.Add(output);
        command.SetGuardedAction(context, async (p, ct) =>
        {
            var settings = inputs.Settings(p);
            var days = ParseSpans(p.GetValue(spans)!);
            var (data, source) = await inputs.LoadAsync(context, p, ct).ConfigureAwait(false);
            var study = SepSpanStudy.Run(data, settings, days, data.BarCount - 1, p.GetValue(inputs.Equity));
            context.Console.Write(Summary([.. study.Spans.Select(s => (s.Days, s.Result))]));
            var order = string.Join(" ≥ ", study.Spans.Select(s => FormattableString.Invariant($"trades({s.Days})")));
            context.Console.MarkupLine(study.InvariantHolds
                ? $"invariant {TerminalText.Escape(order)}: [green]holds[/]"
                : $"invariant {TerminalText.Escape(order)}: [red]violated[/]: {TerminalText.Escape(string.Join("; ", study.Violations))}");
            context.Console.MarkupLine($"{TerminalText.Escape(source)}; identical parameters (K = {settings.K}, look = {settings.Look}), same end");
            if (p.GetValue(output) is { } dir)
            {
                var json = Json(new
                {
                    source,
                    settings,
                    invariant_holds = study.InvariantHolds,
                    violations = study.Violations,
                    spans = study.Spans.Select(s => new { days = s.Days, result = Describe(s.Result) }),
                });
                await WriteAsync(dir, "sep_study.json", json, ct).ConfigureAwait(false);
                context.Console.MarkupLine($"wrote sep_study.json to [bold]{TerminalText.Escape(dir)}[/]");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<int> ParseSpans(string text)
    {
        var days = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d < 1 || d > 3_650)
            {
                throw new TesseraValidationException("--spans", part, "whole numbers of days from 1 to 3650, comma-separated");
            }

            days.Add(d);
        }

        return days;
    }

    private static Table Summary(IReadOnlyList<(int Days, SepBacktestResult Result)> rows)
    {
        var table = new Table().AddColumns("span", "from", "to", "evaluations", "trades (entries)", "exits", "return", "costs", "margin-gate holds");
        foreach (var (days, r) in rows)
        {
            table.AddRow(
                days == 0 ? "all" : days.ToString(CultureInfo.InvariantCulture) + " d",
                r.From.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                r.To.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                r.Evaluations.ToString(CultureInfo.InvariantCulture),
                r.Entries.ToString(CultureInfo.InvariantCulture),
                r.Exits.ToString(CultureInfo.InvariantCulture),
                r.TotalReturn.ToString("P2", CultureInfo.InvariantCulture),
                r.Costs.ToString("N2", CultureInfo.InvariantCulture),
                r.MarginGateHolds.ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static object Describe(SepBacktestResult r) => new
    {
        from = r.From,
        to = r.To,
        evaluations = r.Evaluations,
        entries = r.Entries,
        exits = r.Exits,
        initial_equity = r.InitialEquity,
        final_equity = r.FinalEquity,
        total_return = r.TotalReturn,
        costs = r.Costs,
        margin_gate_holds = r.MarginGateHolds,
    };

    private static string Json(object value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true });

    private static async Task WriteAsync(string dir, string name, string content, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, name), content, new UTF8Encoding(false), ct).ConfigureAwait(false);
    }

    private static string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
