using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Tessera.Stream.Engine;

namespace Tessera.Stream.Hosting;

/// <summary>
/// The HTTP face of the stream service: Kestrel with the health endpoints. Locally it binds 127.0.0.1 (port 0 = a free
/// port); in the container it binds every interface on the configured port (the Container App's probes reach it).
/// </summary>
public sealed class StreamHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StreamHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<StreamHost> StartAsync(Func<StreamServiceStatus?> status, int port, bool anyInterface, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (anyInterface)
            {
                k.ListenAnyIP(port);
            }
            else
            {
                k.Listen(IPAddress.Loopback, port);
            }
        });
        var app = builder.Build();
        HealthEndpoints.Map(app, status);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Urls.First().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        return new StreamHost(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
