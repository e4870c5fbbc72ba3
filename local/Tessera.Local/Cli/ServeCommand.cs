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
using Tessera.Stream.Engine;
using Tessera.Trading.Safety;

namespace Tessera.Local.Cli;

/// <summary><c>tessera serve</c>: the HTTP API on 127.0.0.1 over the embedded default, until Ctrl-C.</summary>
public static class ServeCommand
{
    public const string ApiKeyVariable = HttpApiSettings.ApiKeyVariable;

    public static Command Build(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 7071 };
        var storage = StorageOption.Create();
        var trade = new Option<bool>("--trade") { Description = "Run the trading timers (scan slots, 10 s equity poll, exit before close, daily reset and reconciliation) against the chosen broker (TESSERA_BROKER, default the local exchange); same as TESSERA_TRADING_ENABLED=true" };
        var noStream = new Option<bool>("--no-stream") { Description = "With --trade: do not run the stream service in this process (run `tessera stream` beside it, or trade without it); the equity poll and the trade-update stream then run here" };
        var command = new Command("serve", "Serve the HTTP API (runs, trading, health) on 127.0.0.1 with the local timers");
        command.Options.Add(port);
        command.Options.Add(storage);
        command.Options.Add(trade);
        command.Options.Add(noStream);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var (apiKey, keySource) = ResolveApiKey(context);
            var retention = RetentionAge.Parse(context.Env(ScheduledJobs.RetentionVariable) ?? ScheduledJobs.DefaultRetention, ScheduledJobs.RetentionVariable);
            var catalog = ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR"));
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            await using var runtime = await LocalRuntime.StartAsync(store, catalog, DurableSettings.From(context), ct, context.Env).ConfigureAwait(false);
            RecoveryNotice.Print(context, runtime.Reconciled);
            RecoveryNotice.PrintWhenSettled(context, runtime.InFlightWatch);
            // TESSERA_PUBLIC_BASE_URL when set (e.g. behind a proxy), else the loopback address bound.
            var publicBaseUrl = context.Env(HttpApiSettings.PublicBaseUrlVariable) is null ? null : HttpApiSettings.From(context.Env).PublicBaseUrl;
            await using var host = await LocalHttpHost.StartAsync(runtime, apiKey, parse.GetValue(port), ct, publicBaseUrl).ConfigureAwait(false);
            context.Console.MarkupLine($"[bold]Tessera local host[/] listening on {TerminalText.Escape(host.BoundAddress)}");
            context.Console.MarkupLine($"  storage: {TerminalText.Escape(store.Description)}");
            context.Console.MarkupLine($"  API key ({ApiRoutes.ApiKeyHeader} header, required by every /api/runs, /api/backtests and trading route; /health/* answer without it): {TerminalText.Escape(keySource)}");
            context.Console.MarkupLine($"  try: curl -s -X POST -H \"{ApiRoutes.ApiKeyHeader}: $KEY\" -d '{{\"profile\":\"default\"}}' {host.BoundAddress}api/runs");
            // The local twins of the Functions timers (the daily history purge), on the same NCRONTAB schedules.
            var trading = parse.GetValue(trade) || (runtime.Trading.Runtime?.Enabled ?? false);
            await using var timers = LocalScheduler.Start(
                LocalTimers.For(runtime, retention, report => RunsCommands.PrintReport(context, report), trading, line => context.Console.MarkupLine("[grey]" + TerminalText.Escape(line) + "[/]"), context.Env),
                TimeProvider.System,
                (job, ex) => context.Error.WriteLine($"timer {job} failed: {ex.GetType().Name}: {ex.Message}"));
            foreach (var job in LocalTimers.Jobs)
            {
                context.Console.MarkupLine($"  timer {TerminalText.Escape(job.Name)}: '{TerminalText.Escape(job.Schedule)}' (UTC)");
            }

            // When trading, the stream service runs in this process as the Container App does in Azure: market data and
            // trade updates over WebSockets, the heartbeat and SOP-01 safety mode, virtual stops, and the circuit breaker's
            // 10 s equity poll (a Functions timer cannot tick every 10 s from zero instances). With --no-stream the poll and
            // the trade-update stream run here without it.
            var tradingRuntime = trading ? runtime.Trading.Runtime : null;
            var withStream = tradingRuntime is not null && !parse.GetValue(noStream);
            await using var streamService = withStream
                ? await LocalStreamService.StartAsync(tradingRuntime!, context.Env, new StreamSettings { MeasureLag = LocalStreamService.MeasuresLag(tradingRuntime!.Settings.Broker, replay: false) }, ct).ConfigureAwait(false)
                : null;
            await using var poll = tradingRuntime is { } tr && !withStream
                ? EquityPollLoop.Start(tr.Commands, TimeSpan.FromSeconds(tr.Configuration.CircuitBreaker.EquityPollSeconds), line => context.Console.MarkupLine("[grey]" + TerminalText.Escape(line) + "[/]"), (ex) => context.Error.WriteLine($"equity poll failed: {ex.GetType().Name}: {ex.Message}"))
                : null;
            // The order manager's records follow the broker's trade-update stream (the stream service's when it runs), with
            // a poll every minute as the fallback.
            await using var orderUpdates = tradingRuntime is { } rt
                ? OrderUpdatesLoop.Start(rt.Services, rt.Settings.BrokerOptions(context.Env), TimeSpan.FromMinutes(1), ex => context.Error.WriteLine($"order updates: {ex.GetType().Name}: {ex.Message}"), followTradeUpdates: !withStream)
                : null;
            context.Console.MarkupLine(tradingRuntime is { } on
                ? $"  trading: ON ({TerminalText.Escape(on.Settings.Broker.ToString())} broker; equity poll every {on.Configuration.CircuitBreaker.EquityPollSeconds} s, trade-update stream + 1 min order poll)"
                : $"  trading: off{(runtime.Trading.Unavailable is { } why ? " (" + TerminalText.Escape(why) + ")" : " (serve --trade to run the trading timers)")}");
            context.Console.MarkupLine(withStream
                ? "  stream service: ON in this process (heartbeat, safety mode, virtual stops; status in GET /api/trading/status and table " + StreamStatusRow.TableName + ")"
                : trading ? "  stream service: off (--no-stream); run `tessera stream` beside this host for the heartbeat and virtual stops" : "  stream service: off (only with --trade)");

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
