using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Stages;
using Tessera.Storage.Lakehouse;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera stage list</c>, <c>tessera stage schema NAME</c>, <c>tessera stage run NAME --input FILE...</c>: any single
/// life-cycle or meta stage of the stage table (the one the orchestrations schedule), run on its input artifacts in the
/// local storage. Each input file is one JSON input of the stage (its schema: <c>tessera stage schema NAME</c>).
/// </summary>
public static class StageCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("stage", "Addressable stages of the life cycle and the meta portfolio: list, schema, run");
        command.Subcommands.Add(BuildList(context));
        command.Subcommands.Add(BuildSchema(context));
        command.Subcommands.Add(BuildRun(context));
        return command;
    }

    private static Command BuildList(CliContext context)
    {
        var command = new Command("list", "List every stage with its workflow, input and output artifacts");
        command.SetGuardedAction(context, (parse, ct) =>
        {
            var table = new Table().AddColumns("stage", "workflow", "reads", "writes", "what");
            foreach (var s in StageTable.All)
            {
                table.AddRow(s.Name, s.Workflow, TerminalText.Escape(string.Join(", ", s.InputArtifacts)), TerminalText.Escape(string.Join(", ", s.OutputArtifacts)), TerminalText.Escape(s.Description));
            }

            context.Console.Write(table);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command BuildSchema(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "Stage name (tessera stage list)" };
        var command = new Command("schema", "Print the JSON schema of a stage's input");
        command.Arguments.Add(name);
        command.SetGuardedAction(context, (parse, ct) =>
        {
            var stage = StageTable.Get(parse.GetValue(name)!);
            context.Console.Profile.Out.Writer.WriteLine(stage.InputSchema().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command BuildRun(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "Stage name (tessera stage list)" };
        var inputs = new Option<string[]>("--input") { Description = "JSON input file(s) of the stage, each run in order", Required = true, AllowMultipleArgumentsPerToken = true };
        var storage = StorageOption.Create();
        var command = new Command("run", "Run one stage on its input artifacts (local storage) and print its output");
        command.Arguments.Add(name);
        command.Options.Add(inputs);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var stage = StageTable.Get(parse.GetValue(name)!);
            // Every input is read and parsed before anything runs: a bad file is exit 2 with nothing written.
            var parsed = new List<object>();
            foreach (var file in parse.GetValue(inputs)!)
            {
                if (!File.Exists(file))
                {
                    throw new Tessera.Core.Errors.TesseraValidationException("input", file, "file not found");
                }

                parsed.Add(stage.ParseInput(await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false), file));
            }

            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            var services = new LifeCycleServices(new RunArtifactStore(store.Blobs), new Lakehouse(store.Blobs, TimeProvider.System));
            foreach (var input in parsed)
            {
                var output = await stage.RunAsync(input, services, ct).ConfigureAwait(false);
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(output, stage.OutputType, ArtifactJson.Options));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
