using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using Tessera.Core.Telemetry;
using Tessera.Functions;
using Tessera.Orchestrations.Application.History;
using Tessera.Orchestrations.Application.Http;
using Tessera.Orchestrations.Application.Purge;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Backtests;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Telemetry;
using Tessera.Storage.Blobs;
using Tessera.Storage.Lakehouse;
using Tessera.Storage.Tables;
using Tessera.Orchestrations.Trading;
using Tessera.Trading.Events;

// The Azure app's composition root: the same services the local host builds (LocalRuntime), bound to Azure storage
// with the app's user-assigned managed identity when no connection string is configured.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
var services = builder.Services;
services.AddSingleton<IBlobStore>(_ => TesseraStorage.OpenBlobs(Environment.GetEnvironmentVariable));
services.AddSingleton(sp => new RunArtifactStore(sp.GetRequiredService<IBlobStore>()));
services.AddSingleton(sp => new Lakehouse(sp.GetRequiredService<IBlobStore>(), TimeProvider.System));
services.AddSingleton(sp => Tessera.Orchestrations.Application.Governance.GovernanceParts.Create(sp.GetRequiredService<IBlobStore>(), sp.GetRequiredService<ITableStore>(), sp.GetRequiredService<TimeProvider>()));
services.AddSingleton(sp => new RunSpanRecorder(sp.GetRequiredService<ITableStore>()));
services.AddSingleton(sp => new LifeCycleServices(sp.GetRequiredService<RunArtifactStore>(), sp.GetRequiredService<Lakehouse>(), sp.GetRequiredService<Tessera.Orchestrations.Application.Governance.GovernanceParts>().Index)
{
    Trace = new ForensicTrace(sp.GetRequiredService<ITableStore>(), sp.GetRequiredService<RunArtifactStore>(), sp.GetRequiredService<RunSpanRecorder>()),
});
services.AddSingleton(_ => ProfileCatalog.Locate(Path.Combine(AppContext.BaseDirectory, "config", "profiles")));
services.AddSingleton(TimeProvider.System);
services.AddSingleton<ITableStore>(_ => TesseraStorage.OpenTables(Environment.GetEnvironmentVariable));
services.AddSingleton<IRunHistory>(sp => new TaskHubHistoryTable(sp.GetRequiredService<ITableStore>(), TesseraStorage.TaskHub(Environment.GetEnvironmentVariable)));
services.AddSingleton(sp => new RunHistoryPurge(sp.GetRequiredService<Tessera.Orchestrations.Application.Governance.GovernanceParts>().Index, sp.GetRequiredService<TimeProvider>()));
services.AddSingleton(sp => new Tessera.Orchestrations.Application.Governance.GovernanceHttpApi(sp.GetRequiredService<Tessera.Orchestrations.Application.Governance.GovernanceParts>().Service, HttpApiSettings.From(Environment.GetEnvironmentVariable)));
services.AddSingleton(sp => new RunsHttpApi(
    sp.GetRequiredService<ProfileCatalog>(),
    sp.GetRequiredService<RunArtifactStore>(),
    sp.GetRequiredService<TimeProvider>(),
    HttpApiSettings.From(Environment.GetEnvironmentVariable),
    async ct =>
    {
        await sp.GetRequiredService<IBlobStore>().CreateContainerIfNotExistsAsync(RunArtifactStore.Container, ct).ConfigureAwait(false);
        return true;
    },
    sp.GetRequiredService<Lakehouse>(),
    history: sp.GetRequiredService<IRunHistory>(),
    index: sp.GetRequiredService<Tessera.Orchestrations.Application.Governance.GovernanceParts>().Index));
services.AddSingleton(sp => new BacktestServices(sp.GetRequiredService<IBlobStore>(), sp.GetRequiredService<Lakehouse>()));
services.AddSingleton(sp => new BacktestsHttpApi(
    sp.GetRequiredService<ProfileCatalog>(),
    sp.GetRequiredService<BacktestServices>(),
    sp.GetRequiredService<TimeProvider>(),
    HttpApiSettings.From(Environment.GetEnvironmentVariable)));

// The order path: same composition as `tessera serve` (TradingRuntime); events as JSON lines on stdout, which the
// Functions host forwards to Application Insights. Trading timers run only with TESSERA_TRADING_ENABLED=true.
services.AddSingleton(sp =>
{
    var settings = TradingHostSettings.From(Environment.GetEnvironmentVariable);
    var configuration = settings.LoadConfiguration();
    var log = new JsonLinesEventPublisher(Console.Out, EventEnvironment.ForThisProcess("tessera-functions"), TimeProvider.System);
    // Azure has no terminal or local file: the log (stdout, forwarded to Application Insights) plus the configured channels.
    var events = AlertingSetup.Create(log, configuration.Alerts, Environment.GetEnvironmentVariable, [], TimeProvider.System);
    return new TradingRuntime(settings, configuration, Environment.GetEnvironmentVariable, sp.GetRequiredService<IBlobStore>(), sp.GetRequiredService<ITableStore>(), events, HttpApiSettings.From(Environment.GetEnvironmentVariable), sp.GetRequiredService<TimeProvider>());
});

// Traces, metrics and logs: the Functions worker's own instrumentation plus Tessera's and the Durable Task SDK's
// sources, exported to Application Insights when the app has its connection string (set by infra) and over OTLP when
// OTEL_EXPORTER_OTLP_ENDPOINT is set; every run's spans also go to its forensic_trace.json (RunSpanRecorder).
var telemetry = services.AddOpenTelemetry().UseFunctionsWorkerDefaults()
    .WithTracing(t => t.AddSource(TesseraTelemetry.Name, TesseraTelemetry.DurableTaskSourceName))
    .WithMetrics(m => m.AddMeter(TesseraTelemetry.Name));
if (Environment.GetEnvironmentVariable("APPLICATIONINSIGHTS_CONNECTION_STRING") is { Length: > 0 } appInsights)
{
    telemetry.UseAzureMonitorExporter(o => o.ConnectionString = appInsights);
}

if (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 })
{
    telemetry.UseOtlpExporter();
}

var app = builder.Build();
_ = app.Services.GetRequiredService<RunSpanRecorder>(); // listening before the first span of the first run
await app.RunAsync().ConfigureAwait(false);
