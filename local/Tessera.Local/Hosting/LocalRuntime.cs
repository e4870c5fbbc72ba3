using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tessera.Local.Durable;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.History;
using Tessera.Orchestrations.Application.Journal;
using Tessera.Orchestrations.Application.Governance;
using Tessera.Orchestrations.Application.Purge;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Backtests;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Telemetry;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Trading;
using Tessera.Orchestrations.Meta;
using Tessera.Storage.Lakehouse;

namespace Tessera.Local.Hosting;

/// <summary>
/// The embedded default wired together: storage, the embedded durable runtime (the Durable Task sidecar over the
/// Azure Storage backend, on the same storage) with every orchestrator and activity registered, and the run service
/// the CLI and the HTTP API call. Disposing stops the worker (in-flight work resumes from its durable history in the
/// next process on this task hub); the caller disposes the <see cref="LocalStorage"/> it passed in.
/// </summary>
public sealed class LocalRuntime : IAsyncDisposable
{
    private LocalRuntime(LocalStorage storage, EmbeddedDurableRuntime durable, LifeCycleServices services, RunService runs, ProfileCatalog profiles, Lakehouse lakehouse, IRunJournal journal, ReconcileReport? reconciled, IRunHistory history, RunHistoryPurge purge, LocalTrading trading, BacktestService backtests)
    {
        Backtests = backtests;
        Trading = trading;
        History = history;
        Purge = purge;
        Journal = journal;
        Reconciled = reconciled;
        Storage = storage;
        Durable = durable;
        Services = services;
        Runs = runs;
        Profiles = profiles;
        Lakehouse = lakehouse;
    }

    public LocalStorage Storage { get; }

    public EmbeddedDurableRuntime Durable { get; }

    public DurableTaskClient Client => Durable.Client;

    public LifeCycleServices Services { get; }

    public RunService Runs { get; }

    /// <summary>The backtest-run commands (POST /api/backtests, <c>tessera backtests start</c>).</summary>
    public BacktestService Backtests { get; }

    public RunArtifactStore Artifacts => Services.Artifacts;

    public Lakehouse Lakehouse { get; }

    public ProfileCatalog Profiles { get; }

    /// <summary>The runtime's history of runs (the task hub's History table), for the steps of a run's status.</summary>
    public IRunHistory History { get; }

    /// <summary>The history purge of <c>tessera runs purge</c> and the local PurgeRunHistory timer.</summary>
    public RunHistoryPurge Purge { get; }

    /// <summary>The accepted-run journal every run start of this host goes through (CLI and HTTP alike).</summary>
    public IRunJournal Journal { get; }

    /// <summary>What the start-up comparison of the run journal with the task hub did (null for read-only use).</summary>
    public ReconcileReport? Reconciled { get; }

    /// <summary>The run index, the governance chain and the governance service (promotions, kill-switch demotions).</summary>
    public GovernanceParts Governance { get; private init; } = null!;

    /// <summary>The order path of this host (its runtime, or why it is unavailable: no trading configuration, bad settings).</summary>
    public LocalTrading Trading { get; }

    /// <summary>Every orchestrator and activity the local host runs (the parity test compares these with functions/).</summary>
    public static void RegisterTasks(DurableTaskRegistry registry, LifeCycleServices services, TradingServices trading, BacktestServices backtests) =>
        registry.AddAtomicLifeCycle(services).AddMarketScan(trading).AddBacktestRun(backtests).AddMetaPortfolio(services);

    /// <param name="options">the durable runtime's task hub and tuning (<see cref="DurableSettings"/>); RunWorker = false
    /// for read-only use (status): the client answers queries, no worker runs anything.</param>
    public static async Task<LocalRuntime> StartAsync(
        LocalStorage storage,
        ProfileCatalog profiles,
        EmbeddedDurableOptions options,
        CancellationToken cancellationToken,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var trading = LocalTrading.Create(environment ?? Environment.GetEnvironmentVariable, storage);
        var artifacts = new RunArtifactStore(storage.Blobs);
        await storage.Blobs.CreateContainerIfNotExistsAsync(RunArtifactStore.Container, cancellationToken).ConfigureAwait(false);
        var lakehouse = new Lakehouse(storage.Blobs, TimeProvider.System);
        var governance = GovernanceParts.Create(storage.Blobs, storage.Tables, TimeProvider.System);
        // The spans of this process (Tessera's and the Durable Task SDK's), into the table forensic_trace.json is sealed from.
        var spans = new RunSpanRecorder(storage.Tables);
        var services = new LifeCycleServices(artifacts, lakehouse, governance.Index) { Trace = new ForensicTrace(storage.Tables, artifacts, spans) };
        var backtestServices = new BacktestServices(storage.Blobs, lakehouse);
        var durable = await EmbeddedDurableRuntime.StartAsync(
            storage.ConnectionString, registry => RegisterTasks(registry, services, trading.Services, backtestServices), options, cancellationToken: cancellationToken).ConfigureAwait(false);
        // The accepted-run journal: written by every run this host accepts; compared with the task hub when the host
        // starts working, so a run accepted just before a crash or a power cut is run again or reported lost.
        var journal = options.RunWorker ? FileRunJournal.Open(storage.DataFolder) : FileRunJournal.OpenReadOnly(storage.DataFolder);
        ReconcileReport? reconciled = null;
        if (options.RunWorker)
        {
            reconciled = await RunJournalReconciler.ReconcileAsync(
                journal,
                durable.Client,
                TimeProvider.System,
                storage.PreviousStopWasUnclean,
                (runId, ct) => ManifestCheck.IsIntactAsync(artifacts, runId, ct),
                cancellationToken).ConfigureAwait(false);
        }

        var history = new TaskHubHistoryTable(storage.Tables, options.TaskHubName);
        var purge = new RunHistoryPurge(governance.Index, TimeProvider.System, journal);
        var runs = new RunService(durable.Client, profiles, artifacts, TimeProvider.System, lakehouse, journal, history, governance.Index);
        var backtests = new BacktestService(durable.Client, profiles, backtestServices, TimeProvider.System, journal);
        var runtime = new LocalRuntime(storage, durable, services, runs, profiles, lakehouse, journal, reconciled, history, purge, trading, backtests) { Governance = governance, Spans = spans };
        if (storage.PreviousStopWasUnclean && reconciled is not null && reconciled.InFlight.Count + reconciled.Rescheduled.Count > 0)
        {
            // Runs scheduled again by the reconciliation are watched too: the hub may still hold torn leftovers of them
            // (history rows or queue messages without the instance row) that make the new instance fail.
            runtime.WatchInFlight([.. reconciled.InFlight, .. reconciled.Rescheduled], StallAfter(options));
        }

        return runtime;
    }

    /// <summary>
    /// Settles the runs a power cut left in flight once they end (<see cref="InFlightRunWatch"/>); runs in the
    /// background of this host and stops with it.
    /// </summary>
    private void WatchInFlight(IReadOnlyList<string> runIds, TimeSpan stallAfter)
    {
        InFlightWatch = Task.Run(() => InFlightRunWatch.WatchAsync(
            Journal, Client, TimeProvider.System, runIds,
            (runId, ct) => ManifestCheck.IsIntactAsync(Artifacts, runId, ct),
            stallAfter, TimeSpan.FromMilliseconds(250), _stopping.Token));
    }

    /// <summary>
    /// How long a run resumed after a power cut may show no progress before it is taken for stuck on a lost message:
    /// long enough for the runtime to take over the dead process's leases and see its invisible messages again.
    /// </summary>
    private static TimeSpan StallAfter(EmbeddedDurableOptions options) =>
        2 * (options.WorkItemQueueVisibilityTimeout + options.LeaseInterval);

    /// <summary>The watch over runs left in flight by a power cut, when there is one (its report says what it settled).</summary>
    public Task<InFlightWatchReport>? InFlightWatch { get; private set; }

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>This process's span recorder (forensic traces).</summary>
    public RunSpanRecorder? Spans { get; private init; }

    /// <summary>The sealed forensic traces of runs (forensic_trace.json), for the report route and the CLI.</summary>
    public ForensicTrace? Trace => Services.Trace;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (InFlightWatch is { } watch)
        {
            try
            {
                await watch.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopped with the host; the next start watches what is still in flight
            }
        }

        _stopping.Dispose();
        await Durable.DisposeAsync().ConfigureAwait(false);
        if (Spans is { } spans)
        {
            await spans.DisposeAsync().ConfigureAwait(false); // the last spans are written before storage stops
        }

        if (Trading.Events is { } events)
        {
            await events.DisposeAsync().ConfigureAwait(false); // deliver the alerts still queued
        }
    }
}
