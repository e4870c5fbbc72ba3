using System.Net;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tessera.Local.Durable;

/// <summary>
/// The Durable Task gRPC sidecar (<see cref="TaskHubGrpcServer"/>) hosted in-process by Kestrel on 127.0.0.1, HTTP/2
/// only (gRPC without TLS), on a free port. It turns the worker's and the client's gRPC calls into calls on the backend.
/// </summary>
internal static class SidecarHost
{
    public static async Task<(WebApplication App, Uri Address)> StartAsync(
        IOrchestrationService service,
        IOrchestrationServiceClient client,
        TaskHubGrpcServerMode mode,
        ILoggerFactory loggerFactory,
        TimeSpan shutdownTimeout,
        CancellationToken cancellationToken)
    {
        // The empty builder reads no appsettings.json, no environment variables (ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS,
        // Kestrel__Endpoints...) and no command line, so nothing outside this method can add an endpoint or a logger.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));

        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        services.Configure<HostOptions>(host => host.ShutdownTimeout = shutdownTimeout);
        services.AddRouting();

        // Loopback in one process: the 4 MB default would only fail large activity results; the backend itself moves
        // large payloads to blobs.
        services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = null);
        services.AddSingleton(service);
        services.AddSingleton(client);
        services.Configure<TaskHubGrpcServerOptions>(sidecar => sidecar.Mode = mode);
        services.AddSingleton<TaskHubGrpcServer>();

        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return (app, BoundAddress(app));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Port 0 was bound: Kestrel reports the port the OS gave it.</summary>
    private static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.SingleOrDefault() ?? throw new InvalidOperationException("The durable sidecar reported no bound address.");
        return new Uri(address);
    }
}
