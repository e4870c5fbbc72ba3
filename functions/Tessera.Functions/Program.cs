using Azure.Identity;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Blobs;
using Tessera.Storage.Lakehouse;

// The Azure twin's composition root: the same services the local host builds (LocalRuntime), bound to
// Azure storage with the managed identity when no connection string is configured.
var host = new HostBuilder()
    .ConfigureFunctionsWebApplication()
    .ConfigureServices(services =>
    {
        services.AddSingleton<IBlobStore>(_ =>
        {
            var connection = Environment.GetEnvironmentVariable("TESSERA_STORAGE_CONNECTION_STRING");
            if (!string.IsNullOrEmpty(connection))
            {
                return new BlobStore(connection);
            }

            var blobUri = Environment.GetEnvironmentVariable("AzureWebJobsStorage__blobServiceUri")
                ?? throw new InvalidOperationException("set TESSERA_STORAGE_CONNECTION_STRING or AzureWebJobsStorage__blobServiceUri");
            var clientId = Environment.GetEnvironmentVariable("AzureWebJobsStorage__clientId");
            return new BlobStore(new Uri(blobUri), new ManagedIdentityCredential(clientId));
        });
        services.AddSingleton(sp => new RunArtifactStore(sp.GetRequiredService<IBlobStore>()));
        services.AddSingleton(sp => new Lakehouse(sp.GetRequiredService<IBlobStore>(), TimeProvider.System));
        services.AddSingleton(sp => new LifeCycleServices(sp.GetRequiredService<RunArtifactStore>(), sp.GetRequiredService<Lakehouse>()));
        services.AddSingleton(_ => ProfileCatalog.Locate(Path.Combine(AppContext.BaseDirectory, "config", "profiles")));
        services.AddSingleton(TimeProvider.System);
        // Traces go to Application Insights when the app has its connection string (set by infra), else nowhere.
        var appInsights = Environment.GetEnvironmentVariable("APPLICATIONINSIGHTS_CONNECTION_STRING");
        services.AddOpenTelemetry().UseFunctionsWorkerDefaults().WithTracing(t =>
        {
            t.AddSource("Tessera");
            if (!string.IsNullOrEmpty(appInsights))
            {
                t.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
            }
        });
    })
    .Build();

await host.RunAsync();
