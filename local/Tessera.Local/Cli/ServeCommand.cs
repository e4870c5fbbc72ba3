using System.CommandLine;
using System.Security.Cryptography;
using Spectre.Console;
using Tessera.Local.Hosting;
using Tessera.Local.Http;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.Http;
using Tessera.Orchestrations.Application.Purge;
using Tessera.Orchestrations.Application.Schedules;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Local.Cli;

/// <summary><c>tessera serve</c>: the HTTP API on 127.0.0.1 over the embedded default, until Ctrl-C.</summary>
public static class ServeCommand
{
    public const string ApiKeyVariable = HttpApiSettings.ApiKeyVariable;

    public static Command Build(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 7071 };
        var storage = StorageOption.Create();
        var command = new Command("serve", "Serve the HTTP API (POST/GET /api/runs, /health/live, /health/ready) on 127.0.0.1");
        command.Options.Add(port);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var (apiKey, keySource) = ResolveApiKey(context);
            var retention = RetentionAge.Parse(context.Env(ScheduledJobs.RetentionVariable) ?? ScheduledJobs.DefaultRetention, ScheduledJobs.RetentionVariable);
            var catalog = ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR"));
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            await using var runtime = await LocalRuntime.StartAsync(store, catalog, DurableSettings.From(context), ct).ConfigureAwait(false);
            RecoveryNotice.Print(context, runtime.Reconciled);
            // TESSERA_PUBLIC_BASE_URL when set (e.g. behind a proxy), else the loopback address bound.
            var publicBaseUrl = context.Env(HttpApiSettings.PublicBaseUrlVariable) is null ? null : HttpApiSettings.From(context.Env).PublicBaseUrl;
            await using var host = await LocalHttpHost.StartAsync(runtime, apiKey, parse.GetValue(port), ct, publicBaseUrl).ConfigureAwait(false);
            context.Console.MarkupLine($"[bold]Tessera local host[/] listening on {host.BoundAddress}");
            context.Console.MarkupLine($"  storage: {Markup.Escape(store.Description)}");
            context.Console.MarkupLine($"  API key ({ApiRoutes.ApiKeyHeader} header, required by POST): {Markup.Escape(keySource)}");
            context.Console.MarkupLine($"  try: curl -s -X POST -H \"{ApiRoutes.ApiKeyHeader}: $KEY\" -d '{{\"profile\":\"default\"}}' {host.BoundAddress}api/runs");
            // The local twins of the Functions timers (the daily history purge), on the same NCRONTAB schedules.
            await using var timers = LocalScheduler.Start(
                LocalTimers.For(runtime, retention, report => RunsCommands.PrintReport(context, report)),
                TimeProvider.System,
                (job, ex) => context.Error.WriteLine($"timer {job} failed: {ex.GetType().Name}: {ex.Message}"));
            foreach (var job in LocalTimers.Jobs)
            {
                context.Console.MarkupLine($"  timer {job.Name}: '{job.Schedule}' (UTC)");
            }

            context.Console.MarkupLine("  Ctrl-C to stop");
            try
            {
                await host.WaitForShutdownAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: dispose below stops the host, the engine and the embedded storage in that order.
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// TESSERA_API_KEY when set; otherwise a random key written to .local/api-key (owner-only) — the key
    /// itself is never printed or logged, only where to find it.
    /// </summary>
    private static (string Key, string Source) ResolveApiKey(CliContext context)
    {
        if (context.Env(ApiKeyVariable) is { } key)
        {
            return (key, "from $" + ApiKeyVariable);
        }

        var dir = context.Env("TESSERA_LOCAL_DIR") ?? Path.Combine(Directory.GetCurrentDirectory(), ".local");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "api-key");
        if (!File.Exists(path))
        {
            // Created owner-only from the first byte (no window with the default umask).
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, options);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));
        }
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != UnixFileMode.None)
        {
            throw new DependencyUnavailableException($"{path} is readable by other users; remove it (a new key is generated) or chmod 600 it");
        }

        return (File.ReadAllText(path).Trim(), $"generated, read it with: export KEY=$(cat {path})");
    }
}
