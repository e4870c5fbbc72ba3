using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.DurableTask.Client;
using Spectre.Console;
using Tessera.Core.Governance;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.Governance;
using Tessera.Orchestrations.Runs;
using Tessera.Storage.Tables;

namespace Tessera.Local.Cli;

/// <summary>
/// Governance on the command line, thin over <see cref="GovernanceService"/> and <see cref="RunIndex"/>:
/// <c>tessera promote RUN_ID --to canary|promoted|frozen|retired|sandbox --reason TEXT [--coverage-exception TEXT]</c>,
/// <c>tessera runs index [--out DIR]</c> (rebuild and render the run index), the run index table of <c>tessera runs</c>,
/// and <c>tessera audit verify --chain governance</c>.
/// </summary>
public static class GovernanceCommands
{
    public static Command BuildPromote(CliContext context)
    {
        var runId = new Argument<string>("run-id") { Description = "The completed run to move" };
        var to = new Option<string>("--to") { Description = "Target state: canary, promoted, frozen, retired (or sandbox, a demotion)", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the governance chain and the run index)", Required = true };
        var exception = new Option<string?>("--coverage-exception") { Description = "A documented exception to 100 % coverage (recorded)" };
        var storage = StorageOption.Create();
        var command = new Command("promote", "Move a run along sandbox -> canary -> promoted -> frozen (or retire it) through the promotion evidence gate");
        command.Arguments.Add(runId);
        command.Options.Add(to);
        command.Options.Add(reason);
        command.Options.Add(exception);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var actor = context.Env("USER") is { Length: > 0 and <= 64 } user ? "cli:" + user : "cli";
            var request = PromoteRequest.Create(parse.GetValue(runId), parse.GetValue(to), parse.GetValue(reason), actor, parse.GetValue(exception));
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            var governance = GovernanceParts.Create(store.Blobs, store.Tables, TimeProvider.System);
            try
            {
                var t = await governance.Service.PromoteAsync(request, ct).ConfigureAwait(false);
                context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[green]{TerminalText.Escape(t.RunId)}: {t.From.Name()} -> {t.To.Name()}[/] (governance chain block {t.BlockIndex}, {t.BlockHash[..12]}…); run index updated"));
                return ExitCodes.Ok;
            }
            catch (PromotionRefusedException refused)
            {
                await context.Error.WriteLineAsync("refused: " + refused.Message).ConfigureAwait(false);
                foreach (var m in refused.Missing)
                {
                    await context.Error.WriteLineAsync($"  missing {m.Code}: {m.Detail}").ConfigureAwait(false);
                }

                return ExitCodes.Failed;
            }
            catch (GovernanceRunNotFoundException e)
            {
                await context.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    /// <summary><c>tessera runs index</c>: rebuild the index from manifests, the runtime's statuses and the governance chain, render it.</summary>
    public static Command BuildRunsIndex(CliContext context)
    {
        var output = new Option<string?>("--out") { Description = "Also write INDEX.md and index.html into this folder" };
        var storage = StorageOption.Create();
        var command = new Command("index", "Rebuild the run index (manifests, runtime statuses, governance chain) and render runs/INDEX.md and runs/index.html");
        command.Options.Add(output);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var catalog = Tessera.Orchestrations.Profiles.ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR"));
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct, readOnly: true).ConfigureAwait(false);
            await using var runtime = await LocalRuntime.StartAsync(store, catalog, DurableSettings.From(context, runWorker: false), ct).ConfigureAwait(false);
            var statuses = new Dictionary<string, (string, DateTimeOffset, string, string?)>(StringComparer.Ordinal);
            await foreach (var instance in runtime.Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = false }).WithCancellation(ct).ConfigureAwait(false))
            {
                if (instance.Name == Tessera.Orchestrations.LifeCycle.LifeCycleSteps.Orchestrator)
                {
                    statuses[instance.InstanceId] = (Tessera.Orchestrations.Application.RunService.StatusName(instance.RuntimeStatus), instance.CreatedAt, "atomic_life_cycle", null);
                }
            }

            var history = await runtime.Governance.Service.HistoryAsync(ct).ConfigureAwait(false);
            var governance = history.Runs.ToDictionary(r => r.Key, r => (r.Value.State.Name(), r.Value.Reason ?? string.Empty, r.Value.At ?? DateTimeOffset.MinValue), StringComparer.Ordinal);
            var rows = await runtime.Governance.Index.RebuildAsync(statuses, governance, ct).ConfigureAwait(false);
            await WriteLocalAsync(parse.GetValue(output), rows, ct).ConfigureAwait(false);
            PrintRows(context, rows);
            context.Console.MarkupLine($"run index rebuilt: {rows.Count} run(s); rendered runs/{RunIndexRenderer.MarkdownName} and runs/{RunIndexRenderer.HtmlName}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes the rendered index into a local folder (the runs container holds the canonical copy).</summary>
    public static async Task WriteLocalAsync(string? folder, IReadOnlyList<RunIndexRow> rows, CancellationToken ct)
    {
        if (folder is null)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, RunIndexRenderer.MarkdownName), RunIndexRenderer.Markdown(rows), new UTF8Encoding(false), ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, RunIndexRenderer.HtmlName), RunIndexRenderer.Html(rows), new UTF8Encoding(false), ct).ConfigureAwait(false);
    }

    public static void PrintRows(CliContext context, IEnumerable<RunIndexRow> rows)
    {
        var table = new Table().AddColumns("run id", "profile", "status", "governance", "started (UTC)", "optimizer", "OOS Sharpe");
        foreach (var r in rows)
        {
            table.AddRow(
                TerminalText.Escape(r.RowKey),
                TerminalText.Escape(r.Profile),
                TerminalText.Escape(r.Status),
                TerminalText.Escape(r.Governance),
                r.StartedAt?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "-",
                TerminalText.Escape(r.ChosenOptimizer ?? "-"),
                r.OosSharpe?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-");
        }

        context.Console.Write(table);
    }

    /// <summary><c>tessera audit verify --chain governance</c>: recompute every day of the governance chain.</summary>
    public static async Task<int> VerifyChainAsync(CliContext context, string? storageVariable, DateOnly? date, CancellationToken ct)
    {
        await using var store = await LocalStorage.OpenAsync(context, storageVariable, ct, readOnly: true).ConfigureAwait(false);
        var governance = GovernanceParts.Create(store.Blobs, store.Tables, TimeProvider.System);
        var results = await governance.Chain.VerifyAsync(date, ct).ConfigureAwait(false);
        var bad = 0;
        foreach (var (day, r) in results)
        {
            if (r.IsValid)
            {
                context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  governance {day:yyyy-MM-dd}: [green]valid[/], {r.BlockCount} block(s)"));
            }
            else
            {
                bad++;
                context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  governance {day:yyyy-MM-dd}: [red]BROKEN[/] at block {r.FailedBlockIndex} ({r.Failure}): {TerminalText.Escape(r.Detail)}"));
            }
        }

        context.Console.MarkupLine(bad == 0 ? $"governance chain verified: {results.Count} day(s)" : $"[red]{bad} of {results.Count} governance day(s) broken[/]");
        return bad == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
