using Tessera.Durable;
using Tessera.Durable.Local;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Lakehouse;

namespace Tessera.Local.Hosting;

/// <summary>
/// The embedded default wired together: storage, the durable engine with every workflow and activity
/// registered, and the run service both the CLI and the HTTP API call. Disposing stops the engine (in-flight
/// work resumes from history on the next start); the caller disposes the <see cref="LocalStorage"/> it passed in.
/// </summary>
public sealed class LocalRuntime : IAsyncDisposable
{
    private LocalRuntime(LocalStorage storage, DurableEngine engine, DurableRegistry registry, RunService runs, RunArtifactStore artifacts, ProfileCatalog profiles)
    {
        Storage = storage;
        Engine = engine;
        Registry = registry;
        Runs = runs;
        Artifacts = artifacts;
        Profiles = profiles;
    }

    public LocalStorage Storage { get; }

    public DurableEngine Engine { get; }

    public DurableRegistry Registry { get; }

    public RunService Runs { get; }

    public RunArtifactStore Artifacts { get; }

    public ProfileCatalog Profiles { get; }

    /// <summary>Every orchestrator and activity the local host runs (the parity test compares these with functions/).</summary>
    public static DurableRegistry CreateRegistry(LifeCycleServices services) =>
        new DurableRegistry().AddAtomicLifeCycle(services);

    /// <param name="resumeWork">false for read-only use (status): the engine answers queries but runs nothing.</param>
    public static async Task<LocalRuntime> StartAsync(LocalStorage storage, ProfileCatalog profiles, CancellationToken cancellationToken, bool resumeWork = true)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var artifacts = new RunArtifactStore(storage.Blobs);
        await storage.Blobs.CreateContainerIfNotExistsAsync(RunArtifactStore.Container, cancellationToken).ConfigureAwait(false);
        var lakehouse = new Lakehouse(storage.Blobs, TimeProvider.System);
        var registry = CreateRegistry(new LifeCycleServices(artifacts, lakehouse));
        var engine = new DurableEngine(storage.Tables, registry, new DurableEngineOptions());
        if (resumeWork)
        {
            await engine.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        var runs = new RunService(engine, profiles, artifacts, TimeProvider.System, lakehouse);
        return new LocalRuntime(storage, engine, registry, runs, artifacts, profiles);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync().ConfigureAwait(false);
    }
}
