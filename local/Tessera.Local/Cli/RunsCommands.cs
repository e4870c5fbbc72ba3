using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application.Listing;
using Tessera.Orchestrations.Application.Purge;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera runs [--page-size N] [--continuation TOKEN] [--status S]</c>: one page of runs, as GET /api/runs;
/// <c>tessera runs purge --older-than 30d</c>: the history purge the daily PurgeRunHistory timer runs.
/// </summary>
public static class RunsCommands
{
    public static Command Build(CliContext context)
    {
        var pageSize = new Option<string?>("--page-size") { Description = $"Runs per page, 1..{RunPageRequest.MaxPageSize} (default {RunPageRequest.DefaultPageSize})" };
        var continuation = new Option<string?>("--continuation") { Description = "The token printed after the previous page" };
        var status = new Option<string?>("--status") { Description = "Only runs in this state: Pending, Running, Completed, Failed, Terminated, Suspended" };
        var storage = StorageOption.Create();
        var command = new Command("runs", "List runs, one page at a time; 'runs purge' deletes old runtime history");
        command.Options.Add(pageSize);
        command.Options.Add(continuation);
        command.Options.Add(status);
        command.Options.Add(storage);
        command.Subcommands.Add(BuildPurge(context));
        command.Subcommands.Add(GovernanceCommands.BuildRunsIndex(context));
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            // Parsed before storage is opened: a bad option is exit 2 with nothing started. The list is the run index
            // (table runindex): profile and run id as resolved in each manifest, status, governance state, figures.
            var request = new RunPageRequest(RunPageRequest.ParsePageSize(parse.GetValue(pageSize)), parse.GetValue(continuation), RunPageRequest.ParseStatus(parse.GetValue(status)));
            // Table continuation tokens are the SDK's next partition and row keys: base64-like text and a space.
            if (request.ContinuationToken is { } token && (token.Length > RunPageRequest.MaxTokenLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '!' or '+' or '/' or '=' or '_' or '-' or '.' or ' ')))
            {
                throw new Tessera.Core.Errors.TesseraValidationException("--continuation", token[..Math.Min(token.Length, 40)], "the token printed after the previous page");
            }

            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct, readOnly: true).ConfigureAwait(false);
            var index = new Tessera.Storage.Tables.RunIndexTable(store.Tables);
            var page = await index.PageAsync(request.Status is { } s ? Tessera.Orchestrations.Application.RunService.StatusName(s) : null, request.ContinuationToken, request.PageSize, ct).ConfigureAwait(false);
            GovernanceCommands.PrintRows(context, page.Items);
            context.Console.MarkupLine(page.Continuation is { } next
                ? $"next page: tessera runs --page-size {request.PageSize} --continuation {TerminalText.Escape(next)}"
                : "[grey](last page)[/] 'tessera runs index' rebuilds the index from the manifests, the runtime and the governance chain");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command BuildPurge(CliContext context)
    {
        var olderThan = new Option<string>("--older-than") { Description = "Age of the runs whose history goes: 30d, 12h or 90m", Required = true };
        var storage = StorageOption.Create();
        var command = new Command("purge", "Delete the runtime history of finished runs older than --older-than (never artifacts, never runs governance marked canary, promoted or frozen)");
        command.Options.Add(olderThan);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var age = RetentionAge.Parse(parse.GetValue(olderThan));
            var catalog = ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR"));
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct, readOnly: true).ConfigureAwait(false);
            await using var runtime = await LocalRuntime.StartAsync(store, catalog, DurableSettings.From(context, runWorker: false), ct, context.Env).ConfigureAwait(false);
            var report = await runtime.Purge.PurgeAsync(runtime.Client, age, ct).ConfigureAwait(false);
            PrintReport(context, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static void PrintReport(CliContext context, PurgeReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Console.MarkupLine($"purged the history of {report.Purged.Count} finished run(s) created before {report.CreatedBefore.ToString("u", CultureInfo.InvariantCulture)}; artifacts untouched");
        foreach (var id in report.Purged)
        {
            context.Console.MarkupLine("  purged " + TerminalText.Escape(id));
        }

        foreach (var kept in report.Kept)
        {
            context.Console.MarkupLine($"  kept {TerminalText.Escape(kept.RunId)} (marked {TerminalText.Escape(kept.Mark)})");
        }
    }
}
