using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core.Contracts;
using Tessera.Core.Data;
using Tessera.Core.Data.Export;
using Tessera.Core.Data.Import;
using Tessera.Core.Data.Synthetic;
using Tessera.Local.Hosting;
using Tessera.Storage.Lakehouse;

namespace Tessera.Local.Cli;

/// <summary><c>tessera data import|generate|audit|export</c>: thin host over the importers, the synthetic market and the lakehouse.</summary>
public static class DataCommands
{
    public static Command Build(CliContext context)
    {
        var data = new Command("data", "Market data: import files, generate a synthetic market, audit freshness, export a symbol");
        data.Subcommands.Add(BuildImport(context));
        data.Subcommands.Add(BuildGenerate(context));
        data.Subcommands.Add(BuildAudit(context));
        data.Subcommands.Add(BuildExport(context));
        return data;
    }

    private static Command BuildImport(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "A long-format CSV (plain or .gz) or a folder with one CSV per symbol" };
        var strict = new Option<bool>("--strict") { Description = "Fail on the first invalid row (default: drop invalid rows and report them)" };
        var exchange = new Option<string?>("--exchange") { Description = "Exchange prefix for bare tickers (identity EXCHANGE:SYMBOL)" };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol of a single file without a symbol column (e.g. VIX for the CBOE VIX file)" };
        var volumeOptional = new Option<bool>("--volume-optional") { Description = "Accept a file without a volume column (an index such as VIX): volumes recorded as 0" };
        var requireFresh = new Option<bool>("--require-fresh") { Description = "Fail (exit 1) when a stale symbol (last bar > 168 h old) receives no new bar, as a live feed should; default: freshness is only reported (see 'data audit')" };
        var storage = StorageOption.Create();
        var command = new Command("import", "Import bars into the lakehouse (merge keep-last; re-importing the same file changes nothing and succeeds)");
        command.Arguments.Add(path);
        command.Options.Add(strict);
        command.Options.Add(exchange);
        command.Options.Add(symbol);
        command.Options.Add(volumeOptional);
        command.Options.Add(requireFresh);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var mode = parse.GetValue(strict) ? ImportMode.Strict : ImportMode.Lenient;
            var source = parse.GetValue(path)!;
            var exchangeName = SymbolId.ParseExchange(parse.GetValue(exchange) ?? string.Empty, "--exchange");
            var files = BarFiles.Read(source, mode, exchangeName, parse.GetValue(symbol), parse.GetValue(volumeOptional), BarCsvInput.Limits(context), DateTime.UtcNow);
            ImportSummary.Print(context, files.Reports);

            // An import that accepted nothing is a failure with its own exit code, not an "import ok" that changes nothing.
            NothingAcceptedException.ThrowIfNothingAccepted(files.Reports);
            var (lake, store) = await OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var outcome = await lake.ImportAsync(new LakehouseImportRequest(files.Series, Path.GetFileName(Path.TrimEndingDirectorySeparator(source))) { SourceSha256 = files.SourceSha256, RequireFresh = parse.GetValue(requireFresh) }, ct).ConfigureAwait(false);
                return PrintOutcome(context, outcome);
            }
        });
        return command;
    }

    private static Command BuildGenerate(CliContext context)
    {
        var symbols = new Option<int>("--symbols") { Description = "Number of symbols", DefaultValueFactory = _ => 50 };
        var days = new Option<int>("--days") { Description = "Number of business days", DefaultValueFactory = _ => 756 };
        var seed = new Option<ulong>("--seed") { Description = "Seed (same seed, same market)", DefaultValueFactory = _ => 42UL };
        var start = new Option<string?>("--start") { Description = "First calendar day yyyy-MM-dd (default: so that the last bar is the most recent business day)" };
        var storage = StorageOption.Create();
        var command = new Command("generate", "Generate a deterministic synthetic market (regimes, sectors, fat tails) into the lakehouse");
        command.Options.Add(symbols);
        command.Options.Add(days);
        command.Options.Add(seed);
        command.Options.Add(start);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var n = parse.GetValue(days);
            var first = parse.GetValue(start) is { } text
                ? DateTime.SpecifyKind(DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc)
                : BusinessDaysBack(DateTime.UtcNow.Date, n);
            var spec = new SyntheticMarketSpec(parse.GetValue(symbols), n, parse.GetValue(seed)) { Start = first };
            var market = SyntheticMarket.GenerateDaily(spec);
            var (lake, store) = await OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var request = new LakehouseImportRequest(market.Bars, $"synthetic(symbols={spec.Symbols},days={spec.Days},seed={spec.Seed},start={first:yyyy-MM-dd})")
                {
                    Operation = "generate",
                    Metadata = market.Symbols.ToDictionary(m => m.Identity, StringComparer.Ordinal),
                };
                context.Console.MarkupLine($"generated {market.Bars.Count} symbols x {n} days ({TerminalText.Escape(BarSeries.ToUtc(market.Timestamps[0]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))} .. {TerminalText.Escape(BarSeries.ToUtc(market.Timestamps[^1]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))})");
                var outcome = await lake.ImportAsync(request, ct).ConfigureAwait(false);
                return PrintOutcome(context, outcome);
            }
        });
        return command;
    }

    private static Command BuildAudit(CliContext context)
    {
        var json = new Option<string?>("--json") { Description = "Also write the report as JSON to this file" };
        var staleHours = new Option<double>("--stale-hours") { Description = "Stale threshold in hours", DefaultValueFactory = _ => 168 };
        var top = new Option<int>("--top") { Description = "How many of the largest daily moves to list", DefaultValueFactory = _ => 10 };
        var storage = StorageOption.Create();
        var command = new Command("audit", "Freshness audit of the current lakehouse version: stale symbols, gaps, short history, largest moves, toxic drops");
        command.Options.Add(json);
        command.Options.Add(staleHours);
        command.Options.Add(top);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var (lake, store) = await OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var snapshot = await lake.OpenSnapshotAsync(ct).ConfigureAwait(false);
                var report = await FreshnessAudit.RunAsync(snapshot, DateTime.UtcNow, TimeSpan.FromHours(parse.GetValue(staleHours)), parse.GetValue(top), cancellationToken: ct).ConfigureAwait(false);
                PrintAudit(context, report);
                var universe = await LakehouseUniverse.LoadAsync(snapshot, UniverseFilter.ExcludeToxic, ct).ConfigureAwait(false);
                PrintDensity(context, universe);
                if (parse.GetValue(json) is { } file)
                {
                    await File.WriteAllTextAsync(file, report.ToJson(), ct).ConfigureAwait(false);
                    context.Console.MarkupLine($"JSON report written to {TerminalText.Escape(file)}");
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command BuildExport(CliContext context)
    {
        var symbol = new Option<string>("--symbol") { Description = "Symbol as stored (EXCHANGE:SYMBOL or SYMBOL)", Required = true };
        var output = new Option<string>("--out") { Description = "CSV file to write", Required = true };
        var storage = StorageOption.Create();
        var command = new Command("export", "Export one symbol's bars from the current lakehouse version to CSV");
        command.Options.Add(symbol);
        command.Options.Add(output);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var id = SymbolId.Parse(parse.GetValue(symbol)!).ToString();
            var (lake, store) = await OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var snapshot = await lake.OpenSnapshotAsync(ct).ConfigureAwait(false);
                var bars = await snapshot.LoadAsync(id, ct).ConfigureAwait(false);
                var file = parse.GetValue(output)!;
                await using (var writer = new StreamWriter(file, append: false, new System.Text.UTF8Encoding(false)))
                {
                    BarCsvWriter.Write(bars, writer);
                }

                context.Console.MarkupLine($"{bars.Count} bars of {TerminalText.Escape(id)} (lakehouse version {snapshot.Version}) written to {TerminalText.Escape(file)}");
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static async Task<(Lakehouse Lake, LocalStorage Store)> OpenAsync(CliContext context, string? connectionString, CancellationToken ct)
    {
        var store = await LocalStorage.OpenAsync(context, connectionString, ct).ConfigureAwait(false);
        context.Console.MarkupLine($"[grey]storage: {TerminalText.Escape(store.Description)}[/]");
        var lake = new Lakehouse(store.Blobs, TimeProvider.System);
        await lake.InitializeAsync(ct).ConfigureAwait(false);
        return (lake, store);
    }

    /// <summary>The weekday <paramref name="count"/> - 1 business days before the last business day on or before today.</summary>
    private static DateTime BusinessDaysBack(DateTime today, int count)
    {
        var day = today;
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(-1);
        }

        for (var k = 1; k < count;)
        {
            day = day.AddDays(-1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                k++;
            }
        }

        return DateTime.SpecifyKind(day, DateTimeKind.Utc);
    }

    private static int PrintOutcome(CliContext context, LakehouseImportOutcome outcome)
    {
        var table = new Table().Title("lakehouse").AddColumns("field", "value");
        table.AddRow("version", outcome.Published ? $"{outcome.BaseVersion} -> {outcome.Version}" : $"unchanged, version {outcome.Version} (nothing published)");
        table.AddRow("symbols changed", N(outcome.SymbolsChanged));
        table.AddRow("bars added", N(outcome.BarsAdded));
        table.AddRow("bars replaced", N(outcome.BarsReplaced));
        table.AddRow("unhealthy symbols", N(outcome.Health.Count));
        table.AddRow("commit attempts", N(outcome.Attempts));
        context.Console.Write(table);
        foreach (var failure in outcome.Failures.Take(20))
        {
            context.Console.MarkupLine($"[red]failure[/] {TerminalText.Escape(failure)}");
        }

        if (outcome.Failures.Count > 20)
        {
            context.Console.MarkupLine($"[red]... and {outcome.Failures.Count - 20} more failures[/]");
        }

        if (!outcome.Succeeded)
        {
            context.Error.WriteLine($"error: import failed for {outcome.Failures.Count} stale symbol(s) that received no new bars");
            return ExitCodes.Failed;
        }

        if (outcome.StaleSymbols > 0)
        {
            // A notice, not a failure: importing history is legitimate; 'data audit' is the freshness check.
            context.Console.MarkupLine($"[yellow]notice[/] {N(outcome.StaleSymbols)} imported symbol(s) end more than 168 h ago; run 'tessera data audit' for freshness");
        }

        context.Console.MarkupLine(outcome.Published ? $"[bold green]import ok[/], version {outcome.Version}" : $"[bold green]import ok[/]: unchanged, version {outcome.Version}");
        return ExitCodes.Ok;
    }

    private static void PrintAudit(CliContext context, FreshnessReport report)
    {
        var summary = new Table().Title("freshness audit").AddColumns("field", "value");
        summary.AddRow("lakehouse version", N(report.ManifestVersion));
        summary.AddRow("as of (UTC)", report.AsOfUtc.ToString("u", CultureInfo.InvariantCulture));
        summary.AddRow("symbols", N(report.SymbolCount));
        summary.AddRow($"stale (> {report.StaleThresholdHours:F0} h)", N(report.StaleCount));
        summary.AddRow("toxic drops", N(report.ToxicCount));
        summary.AddRow($"with gaps (> {report.GapThresholdDays:F0} days)", N(report.Symbols.Count(s => s.Gaps > 0)));
        summary.AddRow("short history", N(report.ShortHistory.Count));
        context.Console.Write(summary);

        var shortHistory = new Table().Title("short history (fewest rows first)").AddColumns("symbol", "rows", "first bar", "last bar");
        foreach (var s in report.ShortHistory.Take(25))
        {
            shortHistory.AddRow(TerminalText.Escape(s.Symbol), N(s.Rows), D(s.FirstBarUtc), D(s.LastBarUtc));
        }

        context.Console.Write(shortHistory);
        var moves = new Table().Title("largest daily moves").AddColumns("symbol", "date", "return");
        foreach (var m in report.LargestMoves)
        {
            moves.AddRow(TerminalText.Escape(m.Symbol), D(m.DateUtc), m.Return.ToString("+0.00%;-0.00%", CultureInfo.InvariantCulture));
        }

        context.Console.Write(moves);
        foreach (var t in report.ToxicDrops)
        {
            context.Console.MarkupLine($"[red]toxic[/] {TerminalText.Escape(t.Symbol)}: {TerminalText.Escape(t.Reason)} (since {D(t.AtUtc)})");
        }
    }

    /// <summary>What the optimizers would get from this version: the dense returns matrix and the assets the density rule drops.</summary>
    private static void PrintDensity(CliContext context, LakehouseUniverse universe)
    {
        ReturnsBuildResult built;
        try
        {
            built = ReturnsMatrixBuilder.Build(universe.Bars);
        }
        catch (ContractViolationException ex)
        {
            context.Console.MarkupLine($"[yellow]no dense returns matrix:[/] {TerminalText.Escape(ex.Message)}");
            return;
        }

        context.Console.MarkupLine($"dense returns matrix: {N(built.Matrix.Rows)} dates x {N(built.Matrix.Assets)} assets (union calendar {N(built.UnionCalendarLength)} dates, {N(built.DroppedDates.Length)} dates dropped by the inner join)");
        var table = new Table().Title("assets dropped before optimization").AddColumns("symbol", "rule", "gap ratio", "rows", "detail");
        foreach (var d in built.DroppedAssets.OrderByDescending(d => d.GapRatio).ThenBy(d => d.Symbol, StringComparer.Ordinal))
        {
            var rule = d.Rule == ContractRules.Density ? "density (> 10% gaps)" : d.Rule == ContractRules.ToxicReturn ? "toxic (|r| > 5)" : d.Rule;
            table.AddRow(TerminalText.Escape(d.Symbol), TerminalText.Escape(rule), d.GapRatio.ToString("0.0%", CultureInfo.InvariantCulture), N(d.Observations), TerminalText.Escape(d.Detail));
        }

        if (table.Rows.Count > 0)
        {
            context.Console.Write(table);
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string D(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
