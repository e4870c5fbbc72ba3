using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application.Http;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Backtests;

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

    /// <param name="publicBaseUrl">where clients reach the API (status URLs); null = the bound loopback address.</param>
    public static async Task<LocalHttpHost> StartAsync(LocalRuntime runtime, string apiKey, int port, CancellationToken cancellationToken, Uri? publicBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        // Port 0 is resolved to a free port first, so the status URLs can name the address actually bound.
        var boundPort = port == 0 ? Tessera.Storage.Local.LoopbackPort.Free() : port;
        var address = new Uri($"http://127.0.0.1:{boundPort}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address.AbsoluteUri.TrimEnd('/'));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        var app = builder.Build();
        var api = new RunsHttpApi(
            runtime.Profiles,
            runtime.Artifacts,
            TimeProvider.System,
            new HttpApiSettings(apiKey, publicBaseUrl ?? address),
            async ct =>
            {
                await runtime.Storage.Blobs.CreateContainerIfNotExistsAsync(RunArtifactStore.Container, ct).ConfigureAwait(false);
                return true;
            },
            runtime.Lakehouse,
            runtime.Journal,
            runtime.History,
            runtime.Governance.Index);
        var trading = runtime.Trading.Runtime is { } t ? new TradingHttpApi(t.Commands, new HttpApiSettings(apiKey, publicBaseUrl ?? address)) : null;
        var backtests = new BacktestsHttpApi(runtime.Profiles, new BacktestServices(runtime.Storage.Blobs, runtime.Lakehouse), TimeProvider.System, new HttpApiSettings(apiKey, publicBaseUrl ?? address));
        var governance = new Tessera.Orchestrations.Application.Governance.GovernanceHttpApi(runtime.Governance.Service, new HttpApiSettings(apiKey, publicBaseUrl ?? address));
        LocalApi.Map(app, api, runtime.Client, backtests, trading, runtime.Trading.Unavailable, governance);
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
