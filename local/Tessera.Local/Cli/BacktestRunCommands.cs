using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Backtests;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera backtests start</c>: a backtest, walk-forward or validation as a durable run on the embedded runtime,
/// through the same application command as POST /api/backtests (the options become the same JSON request and go
/// through the same strict parse), then waits and prints the run id, status, headline and artifact locations.
/// </summary>
public static class BacktestRunCommands
{
    public static Command Build(CliContext context)
    {
        var kind = new Option<string>("--kind") { Description = "backtest, walkforward or validate", Required = true };
        var strategy = new Option<string>("--strategy") { Description = "Strategy name (walkforward: comma-separated names)", Required = true };
        var parameters = new Option<string?>("--params") { Description = "backtest: parameter overrides k=v,..." };
        var preset = new Option<string?>("--preset") { Description = "backtest: strategy preset reproducing a seed (e.g. kobe81: its strategy rules and sizing)" };
        var grid = new Option<string?>("--grid") { Description = "walkforward/validate: parameter grid k=v1|v2;k2=..." };
        var method = new Option<string?>("--method") { Description = "validate: purged-kfold (default) or cpcv" };
        var universe = new Option<string?>("--universe") { Description = "Profile name whose universe to use (synthetic, or the lakehouse pinned now)" };
        var version = new Option<int?>("--lakehouse-version") { Description = "A published lakehouse version to read (pinned snapshot)" };
        var runId = new Option<string?>("--run-id") { Description = "Run id (lowercase [a-z0-9_-], at most 64 chars); default: generated" };
        var storage = StorageOption.Create();
        var start = new Command("start", "Start a backtest run (durable, artifacts in Blob under runs/RUN_ID/), wait for it and print where its artifacts are");
        foreach (var o in new Option[] { kind, strategy, parameters, preset, grid, method, universe, version, runId, storage })
        {
            start.Options.Add(o);
        }

        start.SetGuardedAction(context, async (parse, ct) =>
        {
            var request = BacktestRequest.Parse(RequestJson(
                parse.GetValue(kind)!, parse.GetValue(strategy)!, parse.GetValue(parameters), parse.GetValue(preset), parse.GetValue(grid), parse.GetValue(method),
                parse.GetValue(universe), parse.GetValue(version), parse.GetValue(runId)));
            var catalog = ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR"));
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            context.Console.MarkupLine($"[grey]storage: {TerminalText.Escape(store.Description)}[/]");
            await using var runtime = await LocalRuntime.StartAsync(store, catalog, DurableSettings.From(context), ct, context.Env).ConfigureAwait(false);
            var id = await runtime.Backtests.StartAsync(request, ct).ConfigureAwait(false);
            context.Console.MarkupLine($"backtest run [bold]{TerminalText.Escape(id)}[/] started ({BacktestActivities.KindName(request.Kind)} {TerminalText.Escape(request.Strategy)})");
            var view = await runtime.Backtests.WaitAsync(id, ct).ConfigureAwait(false);
            context.Console.MarkupLine($"status: [bold]{TerminalText.Escape(view.Status)}[/]");
            if (view.Output is not { } output)
            {
                await context.Error.WriteLineAsync($"backtest run {id} ended {view.Status}: {view.Failure}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            var headline = new Table().AddColumns("figure", "value");
            foreach (var (k, v) in output.Headline.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                headline.AddRow(TerminalText.Escape(k), TerminalText.Escape(v));
            }

            context.Console.Write(headline);
            var files = new Table().AddColumns("artifact", "bytes", "sha256");
            foreach (var a in output.Artifacts.Append(output.Manifest))
            {
                files.AddRow(TerminalText.Escape($"{RunArtifactStore.Container}/{RunArtifactStore.BlobName(id, a.Path)}"), a.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Sha256);
            }

            context.Console.Write(files);
            return ExitCodes.Ok;
        });

        var command = new Command("backtests", "Backtests as durable runs (the CLI twin of POST /api/backtests)");
        command.Subcommands.Add(start);
        return command;
    }

    /// <summary>The options as the API's JSON body, so the CLI and HTTP share one parser and its rules.</summary>
    private static byte[] RequestJson(string kind, string strategy, string? parameters, string? preset, string? grid, string? method, string? universe, int? version, string? runId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", kind);
            json.WriteString("strategy", strategy);
            WriteOptional(json, "params", parameters);
            WriteOptional(json, "preset", preset);
            WriteOptional(json, "grid", grid);
            WriteOptional(json, "method", method);
            WriteOptional(json, "run_id", runId);
            json.WriteStartObject("universe");
            WriteOptional(json, "profile", universe);
            if (version is { } v)
            {
                json.WriteNumber("lakehouse_version", v);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
