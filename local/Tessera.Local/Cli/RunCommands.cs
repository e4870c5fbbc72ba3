using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Microsoft.DurableTask.Client;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Local.Cli;

/// <summary><c>tessera run --profile NAME</c> (one-shot life cycle with progress) and <c>tessera status RUN_ID</c>.</summary>
public static class RunCommands
{
    public static Command BuildRun(CliContext context)
    {
        var profile = new Option<string>("--profile") { Description = "Profile name from config/profiles (e.g. default)", DefaultValueFactory = _ => "default" };
        var runId = new Option<string?>("--run-id") { Description = "Run id (lowercase [a-z0-9_-], at most 64 chars); default: generated" };
        var outDir = new Option<string?>("--out") { Description = "Folder for a local copy of the report, weights and manifest (default .local/runs/RUN_ID)" };
        var storage = StorageOption.Create();
        var command = new Command("run", "Run one atomic life cycle on the embedded default and print the run id, weights and report location");
        command.Options.Add(profile);
        command.Options.Add(runId);
        command.Options.Add(outDir);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var catalog = ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR"));
            var request = new StartRunRequest(parse.GetValue(profile)!, parse.GetValue(runId));
            catalog.Get(request.Profile); // unknown profile -> exit 2 before anything starts
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            context.Console.MarkupLine($"[grey]storage: {TerminalText.Escape(store.Description)}[/]");
            await using var runtime = await LocalRuntime.StartAsync(store, catalog, DurableSettings.From(context), ct, context.Env).ConfigureAwait(false);
            RecoveryNotice.Print(context, runtime.Reconciled);
            RecoveryNotice.PrintWhenSettled(context, runtime.InFlightWatch);
            var id = await runtime.Runs.StartRunAsync(request, ct).ConfigureAwait(false);
            context.Console.MarkupLine($"run [bold]{id}[/] started (profile {TerminalText.Escape(request.Profile)})");
            var final = await FollowAsync(context, runtime.Runs, id, ct).ConfigureAwait(false);
            if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                var view = RunService.ToView(final);
                await context.Error.WriteLineAsync($"run {id} ended {view.Status}: {view.Failure}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            var output = final.ReadOutputAs<LifeCycleOutput>()!;
            var local = parse.GetValue(outDir) ?? Path.Combine(context.Env("TESSERA_LOCAL_DIR") ?? Path.Combine(Directory.GetCurrentDirectory(), ".local"), "runs", id);
            await ExportAsync(runtime, id, local, ct).ConfigureAwait(false);
            PrintSummary(context, output, local);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command BuildStatus(CliContext context)
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run id printed by 'tessera run' or POST /api/runs" };
        var storage = StorageOption.Create();
        var command = new Command("status", "Show the status, progress, steps (start, end, retries) and result of a run");
        command.Arguments.Add(runId);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var id = Tessera.Orchestrations.Runs.RunId.Validate(parse.GetValue(runId));
            var catalog = ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR"));
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct, readOnly: true).ConfigureAwait(false);
            await using var runtime = await LocalRuntime.StartAsync(store, catalog, DurableSettings.From(context, runWorker: false), ct, context.Env).ConfigureAwait(false);
            var view = await runtime.Runs.GetRunAsync(id, ct).ConfigureAwait(false);
            if (view is null)
            {
                await context.Error.WriteLineAsync($"error: no run with id {id} in {store.Description}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var table = new Table().AddColumns("field", "value");
            table.AddRow("run id", TerminalText.Escape(view.RunId));
            table.AddRow("status", TerminalText.Escape(view.Status));
            table.AddRow("created", view.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            table.AddRow("last update", view.LastUpdatedAt.ToString("u", CultureInfo.InvariantCulture));
            if (view.Progress is { } p)
            {
                table.AddRow("progress", TerminalText.Escape($"{p.Completed}/{p.Total} {p.Step}: {p.Detail}"));
            }

            if (view.Failure is not null)
            {
                table.AddRow("failure", TerminalText.Escape(view.Failure));
            }

            context.Console.Write(table);
            PrintSteps(context, view.Steps);
            if (view.Output is { } output)
            {
                PrintWeights(context, output);
            }

            return view.Status is "Failed" or "Terminated" or "Lost" ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Each step from the runtime's history: when it started and ended, how many calls, attempts and retries.</summary>
    private static void PrintSteps(CliContext context, IReadOnlyList<Tessera.Orchestrations.Application.History.RunStep>? steps)
    {
        if (steps is null || steps.Count == 0)
        {
            return;
        }

        var table = new Table().Title("steps (runtime history)").AddColumns("step", "status", "started (UTC)", "ended (UTC)", "calls", "attempts", "retries");
        foreach (var step in steps)
        {
            table.AddRow(
                TerminalText.Escape(step.Name),
                TerminalText.Escape(step.Status),
                step.StartedAt.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                step.EndedAt?.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "-",
                step.Calls.ToString(CultureInfo.InvariantCulture),
                step.Attempts.ToString(CultureInfo.InvariantCulture),
                step.Retries.ToString(CultureInfo.InvariantCulture));
        }

        context.Console.Write(table);
    }

    /// <summary>Polls the run's custom status and shows one progress bar over the nine steps.</summary>
    private static async Task<OrchestrationMetadata> FollowAsync(CliContext context, RunService runs, string id, CancellationToken ct)
    {
        var completion = runs.WaitForRunAsync(id, ct);
        var lastStep = -1;
        await context.Console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask("life cycle", maxValue: LifeCycleSteps.ProgressLabels.Count);
                while (!completion.IsCompleted)
                {
                    var view = await runs.GetRunAsync(id, ct).ConfigureAwait(false);
                    if (view?.Progress is { } p && p.Completed > lastStep)
                    {
                        // Several steps may finish between two polls: report each; only the latest has its detail.
                        PrintFinished(context, p, lastStep);

                        lastStep = p.Completed;
                        bar.Value = p.Completed;
                        bar.Description = $"{p.Completed}/{p.Total} {TerminalText.Escape(p.Step)}";
                    }

                    await Task.WhenAny(completion, Task.Delay(150, ct)).ConfigureAwait(false);
                }

                var last = await runs.GetRunAsync(id, ct).ConfigureAwait(false);
                if (last?.Progress is { } final)
                {
                    PrintFinished(context, final, lastStep);
                }

                bar.Value = bar.MaxValue;
            }).ConfigureAwait(false);
        return await completion.ConfigureAwait(false);
    }

    /// <summary>Prints every step completed since <paramref name="lastShown"/> with its detail line.</summary>
    private static void PrintFinished(CliContext context, LifeCycleProgress progress, int lastShown)
    {
        for (var step = Math.Max(lastShown, 0) + 1; step <= progress.Completed; step++)
        {
            var detail = step <= progress.Finished.Count ? ": " + progress.Finished[step - 1] : string.Empty;
            context.Console.MarkupLine($"  [green]done[/] {step}/{progress.Total} {TerminalText.Escape(LifeCycleSteps.ProgressLabels[step - 1] + detail)}");
        }
    }

    private static async Task ExportAsync(LocalRuntime runtime, string id, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "report.html", "manifest.json", "weights.csv" })
        {
            var bytes = await runtime.Artifacts.ReadAsync(id, name, ct).ConfigureAwait(false);
            await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes, ct).ConfigureAwait(false);
        }
    }

    private static void PrintSummary(CliContext context, LifeCycleOutput output, string localFolder)
    {
        PrintWeights(context, output);
        var summary = new Table().AddColumns("summary", "value");
        summary.AddRow("run id", TerminalText.Escape(output.RunId));
        summary.AddRow("profile", TerminalText.Escape(output.Profile));
        summary.AddRow("chosen optimizer", TerminalText.Escape(output.ChosenOptimizer));
        summary.AddRow("regime", TerminalText.Escape(output.Regime));
        summary.AddRow("report (blob)", TerminalText.Escape($"runs/{output.RunId}/{output.ReportPath}"));
        summary.AddRow("report (local copy)", TerminalText.Escape(Path.Combine(localFolder, "report.html")));
        summary.AddRow("manifest sha256", TerminalText.Escape(output.ManifestSha256));
        summary.AddRow("data fingerprint", TerminalText.Escape(output.DataFingerprint));
        context.Console.Write(summary);
        context.Console.MarkupLine($"[bold green]completed[/] run {TerminalText.Escape(output.RunId)}");
    }

    private static void PrintWeights(CliContext context, LifeCycleOutput output)
    {
        var table = new Table().Title("asset weights").AddColumns("symbol", "sector", "weight", "long", "short", "risk contrib.", "capped");
        foreach (var w in output.Weights)
        {
            table.AddRow(TerminalText.Escape(w.Symbol), TerminalText.Escape(w.Sector), Pct(w.Weight), Pct(w.LongWeight), Pct(w.ShortWeight), Pct(w.RiskContribution), w.Capped ? "yes" : "");
        }

        context.Console.Write(table);
    }

    private static string Pct(double v) => v.ToString("0.00%", CultureInfo.InvariantCulture);
}
