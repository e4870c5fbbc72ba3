using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core.Fundamentals;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Research;
using Tessera.Orchestrations.Research.Fundamentals;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera fundamentals check DIR [--as-of DATE]</c>: the FundamentalGatekeeper over a folder of SEC companyfacts
/// files (TICKER.json), rejections appended to research/rejected_tickers/YYYY-MM-DD.jsonl and published as
/// TICKER_REJECTED; <c>tessera fundamentals audit [--as-of DATE]</c>: SOP-03's weekly audit (the timer WeeklyDataAudit
/// runs the same on Mondays) with known_exclusions from config/research.yaml.
/// </summary>
public static class FundamentalsCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("fundamentals", "Fundamental gatekeeper over SEC companyfacts files and SOP-03's weekly audit");
        command.Subcommands.Add(BuildCheck(context));
        command.Subcommands.Add(BuildAudit(context));
        return command;
    }

    private static Command BuildCheck(CliContext context)
    {
        var dir = new Argument<string>("DIR") { Description = "Folder of SEC EDGAR companyfacts JSON files named TICKER.json" };
        var asOf = new Option<string?>("--as-of") { Description = "Date the reporting periods are judged against, yyyy-MM-dd (default: today UTC)" };
        var storage = StorageOption.Create();
        var command = new Command("check", "Validate every ticker's companyfacts; write rejected_tickers/YYYY-MM-DD.jsonl and publish TICKER_REJECTED");
        command.Arguments.Add(dir);
        command.Options.Add(asOf);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var now = DateTimeOffset.UtcNow;
            var date = RegimeCommands.Date(parse.GetValue(asOf)) ?? DateOnly.FromDateTime(now.UtcDateTime);
            var (inputs, unread) = GatekeeperService.ReadFolder(parse.GetValue(dir)!);
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            var events = LocalResearchEvents.Create(context.Env);
            await using (events.ConfigureAwait(false))
            {
                var outcome = await new GatekeeperService(new RejectedTickersLog(store.Blobs), events.Publisher).RunAsync(inputs, unread, date, now, ct).ConfigureAwait(false);
                var table = new Table().AddColumns("ticker", "category", "field", "reason");
                foreach (var r in outcome.Result.Rejected)
                {
                    table.AddRow(TerminalText.Escape(r.Ticker), RejectedTickersLog.CategoryName(r.Category), TerminalText.Escape(r.Field), TerminalText.Escape(r.Reason));
                }

                if (outcome.Result.Rejected.Count > 0)
                {
                    context.Console.Write(table);
                }

                context.Console.MarkupLine($"{outcome.Checked} ticker(s) checked as of {date:yyyy-MM-dd}: [green]{outcome.Result.Accepted.Count} accepted[/], [red]{outcome.Result.Rejected.Count} rejected[/] (research/{TerminalText.Escape(outcome.RejectedFile)}; one TICKER_REJECTED each)");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command BuildAudit(CliContext context)
    {
        var asOf = new Option<string?>("--as-of") { Description = "The audit's Monday, yyyy-MM-dd (default: today UTC): reads the last 3 weeks up to it" };
        var storage = StorageOption.Create();
        var command = new Command("audit", "SOP-03 weekly audit: rejections by category, escalation above 10% of the universe, tickers rejected 3 weeks running");
        command.Options.Add(asOf);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var date = RegimeCommands.Date(parse.GetValue(asOf)) ?? DateOnly.FromDateTime(DateTime.UtcNow);
            var configuration = ResearchConfiguration.Load(context.Env);
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            var audit = await new FundamentalsAuditService(store.Blobs, new RejectedTickersLog(store.Blobs)).RunAsync(date, configuration.Fundamentals.KnownExclusions, ct).ConfigureAwait(false);
            var r = audit.Report;
            var table = new Table().AddColumns("category", "tickers");
            foreach (var (category, count) in r.CountsByCategory)
            {
                table.AddRow(RejectedTickersLog.CategoryName(category), count.ToString(CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"files read: {string.Join(", ", audit.FilesRead.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}");
            context.Console.MarkupLine($"{r.RejectedTickers} of {r.UniverseSize} tickers rejected ({r.RejectedShare.ToString("P1", CultureInfo.InvariantCulture)}) in {r.Date:yyyy-MM-dd}'s file" + (r.Escalate ? ": [red bold]ESCALATE to the lead quant[/] (above 10% of the universe: a systemic EDGAR data problem?)" : " (at or below 10%: no escalation)"));
            context.Console.MarkupLine(r.PersistentTickers.Count > 0
                ? $"rejected 3 weeks running (check the EDGAR filings; fix the data or add to known_exclusions): [bold]{TerminalText.Escape(string.Join(", ", r.PersistentTickers))}[/]"
                : "no ticker rejected 3 weeks running");
            if (r.KnownExclusionsSeen.Count > 0)
            {
                context.Console.MarkupLine($"[grey]known exclusions rejected (not counted): {TerminalText.Escape(string.Join(", ", r.KnownExclusionsSeen))}[/]");
            }

            context.Console.MarkupLine($"[grey]report: research/{FundamentalsAuditService.AuditPrefix}{date:yyyy-MM-dd}.json[/]");
            return ExitCodes.Ok;
        });
        return command;
    }
}
