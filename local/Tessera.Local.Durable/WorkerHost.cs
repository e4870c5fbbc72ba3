using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tessera.Local.Durable;

/// <summary>
/// The host of the Microsoft.DurableTask worker (runs the registered orchestrators and activities) and client, both
/// talking gRPC to the in-process sidecar. Its services are the ones activities are resolved from.
/// </summary>
internal static class WorkerHost
{
    public static IHost Build(
        GrpcChannel channel,
        Action<DurableTaskRegistry> registerTasks,
        bool runWorker,
        ILoggerFactory loggerFactory,
        TimeSpan shutdownTimeout,
        Action<IServiceCollection>? configureServices)
    {
        // The empty builder reads no configuration files, environment variables or command line.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        services.Configure<HostOptions>(host => host.ShutdownTimeout = shutdownTimeout);

        // The caller's services first, as the package's own test host does: activities resolve them.
        configureServices?.Invoke(services);

        if (runWorker)
        {
            services.AddDurableTaskWorker(worker =>
            {
                worker.UseGrpc(grpc =>
                {
                    grpc.Channel = channel;

                    // The worker treats a work-item stream without a message for 120 s as a dead connection and
                    // reconnects; it expects health pings the preview sidecar never sends. In one process the sidecar
                    // cannot vanish silently, and a reconnect can strand a work item written to the old stream.
                    grpc.SetSilentDisconnectTimeout(TimeSpan.Zero);
                });
                worker.AddTasks(registerTasks);
            });
        }

        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });

        return builder.Build();
    }
}
