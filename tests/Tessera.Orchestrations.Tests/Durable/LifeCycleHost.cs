using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tessera.Local.Durable;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Blobs;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.Tests.Durable;

/// <summary>
/// The atomic life cycle on the embedded durable runtime (the Durable Task sidecar over the Azure Storage backend)
/// on the test's Azurite: each host has its own task hub, options tuned for tests.
/// </summary>
public sealed class LifeCycleHost : IAsyncDisposable
{
    private LifeCycleHost(EmbeddedDurableRuntime runtime, RunArtifactStore artifacts, RunService runs)
    {
        Runtime = runtime;
        Artifacts = artifacts;
        Runs = runs;
    }

    public EmbeddedDurableRuntime Runtime { get; }

    public DurableTaskClient Client => Runtime.Client;

    public RunArtifactStore Artifacts { get; }

    public RunService Runs { get; }

    public static string NewTaskHub() => Tessera.Testing.TestTaskHub.New();

    /// <param name="index">the run index the report step updates (governance tests); null = none.</param>
    public static async Task<LifeCycleHost> StartAsync(string connectionString, IBlobStore? blobs = null, Lakehouse? lakehouse = null, string? taskHub = null, Tessera.Orchestrations.Runs.RunIndex? index = null)
    {
        blobs ??= new BlobStore(connectionString);
        var artifacts = new RunArtifactStore(blobs);
        var services = new LifeCycleServices(artifacts, lakehouse, index);
        var runtime = await EmbeddedDurableRuntime.StartAsync(
            connectionString,
            registry => registry.AddAtomicLifeCycle(services),
            EmbeddedDurableOptions.ForTests with { TaskHubName = taskHub ?? NewTaskHub() }).ConfigureAwait(false);
        var runs = new RunService(runtime.Client, new ProfileCatalog(RepositoryPaths.Profiles), artifacts, TimeProvider.System, lakehouse, index: index);
        return new LifeCycleHost(runtime, artifacts, runs);
    }

    public async Task<OrchestrationMetadata> RunAsync(string runId, SleeveProfile profile)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(LifeCycleSteps.Orchestrator, new LifeCycleInput(runId, profile), new StartOrchestrationOptions(runId)).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, timeout.Token).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
