using DurableTask.AzureStorage;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tessera.Local.Durable;

/// <summary>
/// The embedded durable runtime of the local default (AZURE.md, "Embedded durable runtime"): orchestrators and
/// activities written on Microsoft.DurableTask run on the Durable Task Framework's Azure Storage backend, the engine
/// Durable Functions runs on, through the Durable Task gRPC sidecar hosted in this process. All state lives in the
/// storage account: a new runtime on the same task hub (in this process or another) resumes what a disposed or
/// killed one left, and several processes on one task hub share the work through the backend's partition leases.
/// </summary>
public sealed class EmbeddedDurableRuntime : IAsyncDisposable
{
    private readonly SidecarCompatibleOrchestrationService _service;
    private readonly EmbeddedDurableOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly bool _ownsLoggerFactory;
    private readonly ILogger _logger;
    private bool _backendStarted;
    private WebApplication? _sidecar;
    private GrpcChannel? _channel;
    private IHost? _workerHost;
    private int _disposed;

    private EmbeddedDurableRuntime(AzureStorageOrchestrationService backend, EmbeddedDurableOptions options, ILoggerFactory loggerFactory, bool ownsLoggerFactory)
    {
        Backend = backend;
        _options = options;
        _loggerFactory = loggerFactory;
        _ownsLoggerFactory = ownsLoggerFactory;
        _logger = loggerFactory.CreateLogger<EmbeddedDurableRuntime>();
        _service = new SidecarCompatibleOrchestrationService(
            backend, options.ControlQueueVisibilityTimeout, options.WorkItemQueueVisibilityTimeout, _logger);
    }

    /// <summary>Schedules, queries and signals orchestrations (through the sidecar).</summary>
    public DurableTaskClient Client { get; private set; } = null!;

    /// <summary>The sidecar's gRPC endpoint on 127.0.0.1 (a free port).</summary>
    public Uri SidecarAddress { get; private set; } = null!;

    /// <summary>The worker host's services: what activities are resolved from (see <c>configureWorkerServices</c>).</summary>
    public IServiceProvider WorkerServices => _workerHost?.Services ?? throw new InvalidOperationException("The runtime has not started.");

    /// <summary>The Azure Storage backend itself, for what the sidecar does not expose (raw history, purge).</summary>
    public AzureStorageOrchestrationService Backend { get; }

    /// <summary>The options it runs with.</summary>
    public EmbeddedDurableOptions Options => _options;

    /// <param name="storageConnectionString">the storage account (Azurite locally); a secret: never logged</param>
    /// <param name="registerTasks">registers the orchestrators and activities the worker runs</param>
    /// <param name="options">null: <see cref="EmbeddedDurableOptions.Local"/></param>
    /// <param name="loggerFactory">null: warnings and errors on stderr</param>
    /// <param name="configureWorkerServices">services for activities, registered in the worker host</param>
    /// <param name="cancellationToken">cancels the start (what was started is stopped again)</param>
    public static async Task<EmbeddedDurableRuntime> StartAsync(
        string storageConnectionString,
        Action<DurableTaskRegistry> registerTasks,
        EmbeddedDurableOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        Action<IServiceCollection>? configureWorkerServices = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(storageConnectionString);
        ArgumentNullException.ThrowIfNull(registerTasks);
        options ??= EmbeddedDurableOptions.Local;
        EmbeddedDurableOptions.Validate(options);

        var ownsLoggerFactory = loggerFactory is null;
        loggerFactory ??= DefaultLogging.CreateStderrWarnings();
        var backend = new AzureStorageOrchestrationService(BackendSettings.Create(storageConnectionString, options, loggerFactory));
        var runtime = new EmbeddedDurableRuntime(backend, options, loggerFactory, ownsLoggerFactory);
        try
        {
            await runtime.StartCoreAsync(registerTasks, configureWorkerServices, cancellationToken).ConfigureAwait(false);
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(Action<DurableTaskRegistry> registerTasks, Action<IServiceCollection>? configureWorkerServices, CancellationToken cancellationToken)
    {
        // Queues, tables, containers and the partition table of the task hub.
        await Backend.CreateIfNotExistsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

        if (_options.RunWorker)
        {
            // Started here rather than by the sidecar (which starts it from an async void callback once the worker
            // connects): a failure surfaces to the caller instead of crashing the process.
            _backendStarted = true;
            await _service.StartBackendAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        // ApiServerOnly: the sidecar answers the client but dispatches no work (and never touches the backend's queues).
        var mode = _options.RunWorker ? TaskHubGrpcServerMode.ApiServerAndDispatcher : TaskHubGrpcServerMode.ApiServerOnly;
        var client = new SidecarCompatibleOrchestrationServiceClient(Backend, _options.StatusPollingInterval);
        (_sidecar, SidecarAddress) = await SidecarHost.StartAsync(
            _service, client, mode, _loggerFactory, _options.ShutdownTimeout, cancellationToken).ConfigureAwait(false);

        // Loopback, in one process: no message size limit (see SidecarHost).
        _channel = GrpcChannel.ForAddress(SidecarAddress, new GrpcChannelOptions
        {
            LoggerFactory = _loggerFactory,
            MaxReceiveMessageSize = null,
        });

        _workerHost = WorkerHost.Build(
            _channel, registerTasks, _options.RunWorker, _loggerFactory, _options.ShutdownTimeout, configureWorkerServices);
        await _workerHost.StartAsync(cancellationToken).ConfigureAwait(false);
        Client = _workerHost.Services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>
    /// Stops the worker, the channel, the sidecar and the backend, each step bounded by
    /// <see cref="EmbeddedDurableOptions.ShutdownTimeout"/>. Work in flight is not waited for: it is abandoned, and runs
    /// again from its durable history in the next runtime on the task hub (here or in another process).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // 1. The worker first: it closes its work-item stream, the sidecar sees no client and hands out no more work.
        await StopBoundedAsync("worker", _workerHost is null ? null : ct => _workerHost.StopAsync(ct)).ConfigureAwait(false);
        _channel?.Dispose();

        // 2. The sidecar: stopping cancels its dispatch loops. It would also wait (up to 60 minutes, in an async void
        //    callback, so not awaited here) for its in-flight work items and only then stop the backend; with the
        //    worker gone they can never finish. Hence the sidecar's stop of the backend is ignored and step 3 does it.
        await StopBoundedAsync("sidecar", _sidecar is null ? null : ct => _sidecar.StopAsync(ct)).ConfigureAwait(false);

        // 3. The backend: the work items the sidecar still holds are abandoned (back in the queues within seconds), then
        //    a forced stop (sessions aborted, not drained) releases the partition leases, so another process or the
        //    next runtime here takes the partitions over at once instead of after LeaseInterval.
        if (_backendStarted)
        {
            await StopBoundedAsync("backend", _ => _service.StopBackendAsync(isForced: true)).ConfigureAwait(false);
        }

        _workerHost?.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync().ConfigureAwait(false);
        }

        _service.Dispose();
        Backend.Dispose();
        if (_ownsLoggerFactory)
        {
            _loggerFactory.Dispose();
        }
    }

    private async Task StopBoundedAsync(string what, Func<CancellationToken, Task>? stop)
    {
        if (stop is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.ShutdownTimeout);
        try
        {
            // WaitAsync as well: not every step honours its token.
            await stop(timeout.Token).WaitAsync(_options.ShutdownTimeout).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Stopping the durable {Part} did not finish cleanly within {Timeout}", what, _options.ShutdownTimeout);
        }
    }
}
