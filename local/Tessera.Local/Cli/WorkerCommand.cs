using System.CommandLine;
using Spectre.Console;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera worker</c>: one more worker process on the task hub, running orchestrations and activities that any
/// host on the same storage started. The durable backend shares work between processes through blob leases, so a
/// user who outgrows one machine starts workers here or on other machines. The storage must be one no single host
/// owns (a standalone Azurite from <c>make azurite</c>, or an Azure account), named by an environment variable.
/// </summary>
public static class WorkerCommand
{
    public static Command Build(CliContext context)
    {
        var storage = StorageOption.Create();
        var command = new Command("worker", "Run an extra durable worker on the task hub of the configured storage (Ctrl-C to stop)");
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var variable = parse.GetValue(storage) ?? LocalStorage.ConnectionStringVariable;
            if (context.Env(variable) is null)
            {
                throw new Tessera.Core.Errors.TesseraValidationException(
                    variable, null, "must name shared storage for an extra worker (e.g. 'make azurite' and TESSERA_STORAGE_CONNECTION_STRING=UseDevelopmentStorage=true); the embedded Azurite belongs to one host");
            }

            var catalog = ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR"));
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            var options = DurableSettings.From(context);
            var hub = options.TaskHubName;
            await using var runtime = await LocalRuntime.StartAsync(store, catalog, options, ct, context.Env).ConfigureAwait(false);
            RecoveryNotice.Print(context, runtime.Reconciled);
            RecoveryNotice.PrintWhenSettled(context, runtime.InFlightWatch);
            context.Console.MarkupLine($"[bold]Tessera worker[/] (pid {Environment.ProcessId}) on task hub {TerminalText.Escape(hub)}");
            context.Console.MarkupLine($"  storage: {TerminalText.Escape(store.Description)}");
            context.Console.MarkupLine("  Ctrl-C to stop (work in flight resumes on another worker)");
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: dispose stops the worker; unfinished work items return to the queues for other workers.
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
