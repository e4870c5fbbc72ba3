using System.CommandLine;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Spectre.Console;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera meta list</c>, <c>tessera meta check NAME</c> (resolve and validate, nothing runs) and <c>tessera meta run
/// NAME</c> (the meta portfolio on the embedded default: every sleeve a life cycle, then the gates, optimization,
/// flattening and report). docs/META.md.
/// </summary>
public static class MetaCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("meta", "Meta portfolios of sleeves (config/metas): list, check, run");
        command.Subcommands.Add(BuildList(context));
        command.Subcommands.Add(BuildCheck(context));
        command.Subcommands.Add(BuildRun(context));
        return command;
    }

    private static MetaCatalog Catalog(CliContext context) => MetaCatalog.Beside(ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR")));

    private static Command BuildList(CliContext context)
    {
        var command = new Command("list", "List the meta profiles of config/metas");
        command.SetGuardedAction(context, (parse, ct) =>
        {
            var catalog = Catalog(context);
            var table = new Table().AddColumns("meta", "optimizer", "sleeves", "description");
            foreach (var name in catalog.Names())
            {
                var meta = catalog.Get(name);
                table.AddRow(TerminalText.Escape(meta.Name), meta.Optimizer.Name, string.Join(", ", meta.Sleeves.Select(s => $"{s.Name} ({s.Side.ToString().ToUpperInvariant()})")), TerminalText.Escape(meta.Description));
            }

            context.Console.Write(table);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command BuildCheck(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "Meta profile name (config/metas/NAME.yaml)" };
        var command = new Command("check", "Resolve and validate a meta profile (sleeves, cycles, caps); nothing runs");
        command.Arguments.Add(name);
        command.SetGuardedAction(context, (parse, ct) =>
        {
            var plan = Catalog(context).Resolve(parse.GetValue(name)!);
            PrintPlan(context, plan, 0);
            context.Console.MarkupLine($"[green]valid[/] meta {TerminalText.Escape(plan.Name)}: optimizer {plan.Optimizer.Name}, max asset weight {plan.MaxAssetWeight.ToString("0.####", CultureInfo.InvariantCulture)}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command BuildRun(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "Meta profile name (config/metas/NAME.yaml)" };
        var runId = new Option<string?>("--run-id") { Description = "Run id (lowercase [a-z0-9_-], at most 64 chars); default: generated. Sleeves run as RUN_ID-SLEEVE" };
        var outDir = new Option<string?>("--out") { Description = "Folder for a local copy of the report, weights, audit and manifest (default .local/runs/RUN_ID)" };
        var storage = StorageOption.Create();
        var command = new Command("run", "Run a meta portfolio on the embedded default and print the sleeves, weights, hedge ratio and report location");
        command.Arguments.Add(name);
        command.Options.Add(runId);
        command.Options.Add(outDir);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var profiles = ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR"));
            var metas = MetaCatalog.Beside(profiles);
            metas.Resolve(parse.GetValue(name)!); // bad meta -> exit 2 before anything starts
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            context.Console.MarkupLine($"[grey]storage: {TerminalText.Escape(store.Description)}[/]");
            await using var runtime = await LocalRuntime.StartAsync(store, profiles, DurableSettings.From(context), ct).ConfigureAwait(false);
            var service = new MetaService(runtime.Client, metas, TimeProvider.System, runtime.Lakehouse, runtime.Journal);
            var id = await service.StartAsync(parse.GetValue(name)!, parse.GetValue(runId), ct).ConfigureAwait(false);
            context.Console.MarkupLine($"meta run [bold]{id}[/] started (meta {TerminalText.Escape(parse.GetValue(name)!)})");
            var final = await FollowAsync(context, runtime.Runs, id, ct).ConfigureAwait(false);
            if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                var view = RunService.ToView(final);
                await context.Error.WriteLineAsync($"meta run {id} ended {view.Status}: {view.Failure}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            var output = final.ReadOutputAs<MetaOutput>()!;
            var local = parse.GetValue(outDir) ?? Path.Combine(context.Env("TESSERA_LOCAL_DIR") ?? Path.Combine(Directory.GetCurrentDirectory(), ".local"), "runs", id);
            Directory.CreateDirectory(local);
            foreach (var file in new[] { "report.html", "report.md", "manifest.json", "weights.csv", "audit.jsonl" })
            {
                await File.WriteAllBytesAsync(Path.Combine(local, file), await runtime.Artifacts.ReadAsync(id, file, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            }

            var sleeves = new Table().Title("sleeves").AddColumns("sleeve", "side", "source", "run id", "meta weight");
            for (var i = 0; i < output.Sleeves.Count; i++)
            {
                var s = output.Sleeves[i];
                sleeves.AddRow(s.Sleeve, s.Side.ToString().ToUpperInvariant(), TerminalText.Escape(s.Source.ToString().ToLowerInvariant() + " " + s.Reference), s.RunId ?? "-", output.SleeveWeights[i].ToString("0.00%", CultureInfo.InvariantCulture));
            }

            context.Console.Write(sleeves);
            var summary = new Table().AddColumns("summary", "value");
            summary.AddRow("run id", output.RunId);
            summary.AddRow("meta", output.Meta);
            summary.AddRow("optimizer", output.Optimizer);
            summary.AddRow("hedge ratio", output.HedgeRatio?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "n/a (one leg only)");
            summary.AddRow("assets", output.Assets.ToString(CultureInfo.InvariantCulture));
            summary.AddRow("trace id", output.TraceId);
            summary.AddRow("report (blob)", $"runs/{output.RunId}/{output.ReportPath}");
            summary.AddRow("report (local copy)", TerminalText.Escape(Path.Combine(local, "report.html")));
            summary.AddRow("manifest sha256", output.ManifestSha256);
            context.Console.Write(summary);
            context.Console.MarkupLine($"[bold green]completed[/] meta run {output.RunId}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void PrintPlan(CliContext context, MetaPlan plan, int depth)
    {
        foreach (var s in plan.Sleeves)
        {
            context.Console.MarkupLine(TerminalText.Escape($"{new string(' ', depth * 2)}- {s.Name} {s.Side.ToString().ToUpperInvariant()} {s.Source.ToString().ToLowerInvariant()} {s.Reference} (cap {s.Cap.ToString("0.####", CultureInfo.InvariantCulture)})"));
            if (s.Meta is { } inner)
            {
                PrintPlan(context, inner, depth + 1);
            }
        }
    }

    /// <summary>Prints each step of the meta as it completes (the meta publishes the life cycle's progress record).</summary>
    private static async Task<OrchestrationMetadata> FollowAsync(CliContext context, RunService runs, string id, CancellationToken ct)
    {
        var completion = runs.WaitForRunAsync(id, ct);
        var shown = 0;
        while (true)
        {
            var view = await runs.GetRunAsync(id, ct).ConfigureAwait(false);
            if (view?.Progress is { } p)
            {
                for (; shown < p.Finished.Count; shown++)
                {
                    context.Console.MarkupLine($"  [green]done[/] {shown + 1}/{p.Total} {TerminalText.Escape(MetaSteps.ProgressLabels[shown] + ": " + p.Finished[shown])}");
                }
            }

            if (completion.IsCompleted)
            {
                return await completion.ConfigureAwait(false);
            }

            await Task.WhenAny(completion, Task.Delay(250, ct)).ConfigureAwait(false);
        }
    }
}
