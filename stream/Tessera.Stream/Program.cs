using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Rest;
using Tessera.Storage;
using Tessera.Storage.Configuration.Secrets;
using Tessera.Stream.Engine;
using Tessera.Stream.Hosting;
using Tessera.Trading.Configuration;
using Tessera.Trading.Desk;
using Tessera.Trading.Events;

// The container's entry point: secrets (environment / Container Apps Key Vault references, else Key Vault itself when
// TESSERA_KEYVAULT_URI is set, else .env), settings from the environment, the account's desk, the worker, the health
// endpoints; runs until SIGTERM (Container Apps stops a revision that way). Events are JSON lines on stdout.
SecretEnvironment.ApplyToProcess(await SecretEnvironment.ResolveAsync(SecretEnvironment.ProcessEnvironment(), Directory.GetCurrentDirectory(), openVault: null, CancellationToken.None));
var settings = StreamServiceSettings.From(Environment.GetEnvironmentVariable);
var configuration = TradingConfigurationLoader.LoadFile(settings.ConfigPath);
var storage = settings.OpenStorage();
var log = new JsonLinesEventPublisher(Console.Out, EventEnvironment.ForThisProcess("tessera-stream"), TimeProvider.System);
var events = AlertingSetup.Create(log, configuration.Alerts, Environment.GetEnvironmentVariable, [], TimeProvider.System);
var parts = new TradingDeskParts(configuration, settings.Profile ?? configuration.DefaultProfileName, new AlpacaBroker(settings.Broker), new AlpacaMarketDataClient(settings.Broker), storage.Blobs, storage.Tables, events, TimeProvider.System);
using var shutdown = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    shutdown.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => shutdown.Cancel();
var desk = await TradingDesk.OpenAsync(parts, shutdown.Token);
await using var worker = await StreamWorker.StartAsync(new StreamWorkerParts(desk, settings.Broker, new StreamSettings { WatchedSymbols = settings.Watch, MeasureLag = settings.MeasureLag }, settings.Feed), shutdown.Token);
await using var host = await StreamHost.StartAsync(() => worker.Status, settings.Port, anyInterface: !settings.LoopbackOnly, shutdown.Token);
try
{
    await Task.Delay(Timeout.Infinite, shutdown.Token);
}
catch (OperationCanceledException)
{
    // SIGTERM or Ctrl+C: dispose the worker and the host.
}
