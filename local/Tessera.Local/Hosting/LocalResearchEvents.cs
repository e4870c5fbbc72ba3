using Tessera.Core.Errors;
using Tessera.Orchestrations.Trading;
using Tessera.Trading.Events;

namespace Tessera.Local.Hosting;

/// <summary>
/// Where the research commands and timers publish (REGIME_CHANGED, TICKER_REJECTED, SENTIMENT_EXIT_ALERT): the same
/// local publisher as the order path (events.jsonl in the data folder, alerts by config/trading.yaml's policy to
/// alerts.jsonl, the terminal and any enabled channel) when the trading configuration loads; otherwise events.jsonl
/// alone, so a research command never needs a trading setup. Dispose to deliver queued alerts before exiting.
/// </summary>
public sealed class LocalResearchEvents : IAsyncDisposable
{
    private readonly AlertingPublisher? _alerting;

    private LocalResearchEvents(ITradingEventPublisher publisher, AlertingPublisher? alerting, string? alertsUnavailable)
    {
        Publisher = publisher;
        _alerting = alerting;
        AlertsUnavailable = alertsUnavailable;
    }

    public ITradingEventPublisher Publisher { get; }

    /// <summary>Why alerts are not delivered (only the event log is written), or null.</summary>
    public string? AlertsUnavailable { get; }

    public static string DataFolder(Func<string, string?> environment) =>
        environment("TESSERA_LOCAL_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Directory.GetCurrentDirectory(), ".local");

    public static LocalResearchEvents Create(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var folder = DataFolder(environment);
        try
        {
            var configuration = TradingHostSettings.From(environment).LoadConfiguration();
            var alerting = LocalTrading.LocalEvents(folder, configuration.Alerts, environment);
            return new LocalResearchEvents(alerting, alerting, null);
        }
        catch (TesseraValidationException e)
        {
            Directory.CreateDirectory(folder);
            return new LocalResearchEvents(new AppendingFilePublisher(Path.Combine(folder, "events.jsonl")), null, e.Message);
        }
    }

    /// <summary>A runtime's trading publisher when it has one, else events.jsonl of its data folder.</summary>
    public static ITradingEventPublisher For(LocalRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return runtime.Trading.Events is { } events ? events : new AppendingFilePublisher(Path.Combine(runtime.Storage.DataFolder, "events.jsonl"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_alerting is not null)
        {
            await _alerting.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One JSON line per event appended to a file (opened per event: nothing to dispose, safe beside other writers).</summary>
    private sealed class AppendingFilePublisher(string path) : ITradingEventPublisher
    {
        private readonly EventEnvironment _environment = EventEnvironment.ForThisProcess("tessera");
        private readonly Lock _gate = new();

        public void Publish(TradingEvent tradingEvent)
        {
            var line = JsonLinesEventPublisher.Format(tradingEvent, _environment, TimeProvider.System.GetUtcNow()) + "\n";
            lock (_gate)
            {
                File.AppendAllText(path, line);
            }
        }
    }
}
