using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tessera.Local.Durable;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Blobs;

namespace Tessera.Orchestrations.Tests.Meta;

/// <summary>The life cycle and the meta portfolio on the embedded durable runtime over the test's Azurite, own task hub.</summary>
public sealed class MetaHost : IAsyncDisposable
{
    private MetaHost(EmbeddedDurableRuntime runtime, RunArtifactStore artifacts, MetaCatalog metas)
    {
        Runtime = runtime;
        Artifacts = artifacts;
        Metas = metas;
    }

    public static readonly DateTime AcceptedAt = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    public EmbeddedDurableRuntime Runtime { get; }

    public DurableTaskClient Client => Runtime.Client;

    public RunArtifactStore Artifacts { get; }

    public MetaCatalog Metas { get; }

    public static async Task<MetaHost> StartAsync(string connectionString)
    {
        var artifacts = new RunArtifactStore(new BlobStore(connectionString));
        var services = new LifeCycleServices(artifacts);
        var runtime = await EmbeddedDurableRuntime.StartAsync(
            connectionString,
            registry => registry.AddAtomicLifeCycle(services).AddMetaPortfolio(services),
            EmbeddedDurableOptions.ForTests with { TaskHubName = Tessera.Testing.TestTaskHub.New() }).ConfigureAwait(false);
        return new MetaHost(runtime, artifacts, MetaCatalog.Beside(new ProfileCatalog(RepositoryPaths.Profiles)));
    }

    public async Task<OrchestrationMetadata> RunAsync(string runId, MetaPlan plan)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(MetaSteps.Orchestrator, new MetaInput(runId, plan, AcceptedAt), new StartOrchestrationOptions(runId)).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        return await Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, timeout.Token).ConfigureAwait(false);
    }

    public async Task<string> TextAsync(string runId, string path) => System.Text.Encoding.UTF8.GetString(await Artifacts.ReadAsync(runId, path).ConfigureAwait(false));

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
