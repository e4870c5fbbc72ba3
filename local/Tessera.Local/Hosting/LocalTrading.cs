using Tessera.Core.Errors;
using Tessera.Orchestrations.Application.Http;
using Tessera.Orchestrations.Trading;
using Tessera.Trading.Configuration;
using Tessera.Trading.Events;

namespace Tessera.Local.Hosting;

/// <summary>
/// The local host's order path: the shared <see cref="TradingRuntime"/> when config/trading.yaml and the trading
/// settings load, or the reason they did not (then the scan activities, the trading routes and commands report that
/// reason instead of trading). Events go as JSON lines to events.jsonl in the data folder; alerts to alerts.jsonl and
/// the terminal (the local channels of the alerting policy).
/// </summary>
public sealed class LocalTrading
{
    private LocalTrading(TradingRuntime? runtime, string? unavailable, TradingServices services, AlertingPublisher? events = null)
    {
        Events = events;
        Runtime = runtime;
        Unavailable = unavailable;
        Services = services;
    }

    public TradingRuntime? Runtime { get; }

    /// <summary>The event publisher; alerts are delivered in the background, so a short-lived command flushes it before exiting.</summary>
    public AlertingPublisher? Events { get; }

    /// <summary>Why trading is unavailable in this host, or null.</summary>
    public string? Unavailable { get; }

    /// <summary>What the scan activities open the desk with (throws the reason when unavailable).</summary>
    public TradingServices Services { get; }

    public static LocalTrading Create(Func<string, string?> environment, LocalStorage storage, HttpApiSettings? http = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(storage);
        try
        {
            var settings = TradingHostSettings.From(environment);
            var configuration = settings.LoadConfiguration();
            var events = LocalEvents(storage.DataFolder, configuration.Alerts, environment);
            var runtime = new TradingRuntime(settings, configuration, environment, storage.Blobs, storage.Tables, events, http ?? HttpApiSettings.From(environment, new Uri("http://127.0.0.1/")), TimeProvider.System);
            return new LocalTrading(runtime, null, runtime.Services, events);
        }
        catch (TesseraValidationException e)
        {
            var reason = "trading is not available: " + e.Message;
            return new LocalTrading(null, reason, new TradingServices(_ => throw new TesseraValidationException(e.Field, e.Value, e.Rule)));
        }
    }

    /// <summary>The JSON-lines log in the data folder; alerts by the configuration's policy to its file sink (relative to the data folder), the terminal and any enabled channel.</summary>
    internal static AlertingPublisher LocalEvents(string dataFolder, AlertSettings alerts, Func<string, string?> secrets)
    {
        Directory.CreateDirectory(dataFolder);
        var log = new StreamWriter(new FileStream(Path.Combine(dataFolder, "events.jsonl"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var environment = EventEnvironment.ForThisProcess("tessera");
        return AlertingSetup.Create(
            new JsonLinesEventPublisher(log, environment, TimeProvider.System),
            alerts,
            secrets,
            [new FileAlertChannel(Path.Combine(dataFolder, alerts.FileSinkPath)), new TerminalAlertChannel(Console.Error)],
            TimeProvider.System);
    }
}
