using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Local.Http;

/// <summary>Builds the local HTTP host bound to 127.0.0.1 only (port 0 = a free port, read back from <see cref="BoundAddress"/>).</summary>
public sealed class LocalHttpHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalHttpHost(WebApplication app)
    {
        _app = app;
    }

    public Uri BoundAddress
    {
        get
        {
            var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First());
        }
    }

    public static async Task<LocalHttpHost> StartAsync(LocalRuntime runtime, string apiKey, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        var app = builder.Build();
        app.Use((http, next) => LocalApi.HandleErrorsAsync(http, () => next(http)));
        LocalApi.Map(app, runtime.Runs, apiKey, async () =>
        {
            try
            {
                await runtime.Storage.Blobs.CreateContainerIfNotExistsAsync(RunArtifactStore.Container).ConfigureAwait(false);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new LocalHttpHost(app);
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
