using System.Text.Json;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Tessera.Durable;
using Tessera.Durable.Local;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Blobs;
using Tessera.Storage.Lakehouse;
using Tessera.Storage.Tables;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.LifeCycle;

/// <summary>A lakehouse profile reads the snapshot pinned at start, records it in the manifest and never mutates the lakehouse.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LakehouseLifeCycleTests(AzuriteFixture azurite)
{
    private async Task<(RunService Runs, DurableEngine Engine, RunArtifactStore Artifacts, Lakehouse Lake)> StartAsync(string container, string hub)
    {
        var blobs = new BlobStore(azurite.ConnectionString);
        var lake = new Lakehouse(blobs, TimeProvider.System, new LakehouseOptions { Container = container });
        await lake.InitializeAsync();
        var artifacts = new RunArtifactStore(blobs);
        var registry = new DurableRegistry().AddAtomicLifeCycle(new LifeCycleServices(artifacts, lake));
        var engine = new DurableEngine(new TableStore(azurite.ConnectionString), registry, new DurableEngineOptions { TaskHubName = hub });
        await engine.StartAsync();
        return (new RunService(engine, new ProfileCatalog(RepositoryPaths.Profiles), artifacts, TimeProvider.System, lake), engine, artifacts, lake);
    }

    [Fact]
    public async Task A_lakehouse_run_reads_the_pinned_snapshot_records_it_and_leaves_the_lakehouse_unchanged()
    {
        var (runs, engine, artifacts, lake) = await StartAsync("lc-lake", "lclake");
        await using var _ = engine;
        await LakehouseUniverse.SeedSyntheticAsync(lake, new SyntheticMarketSpec(40, 420, 3) { Sectors = 4 });
        var before = await lake.OpenSnapshotAsync();

        var runId = await runs.StartRunAsync(new StartRunRequest("lakehouse", "lc-lake-run"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var final = await runs.WaitForRunAsync(runId, timeout.Token);
        Assert.True(final.RuntimeStatus == OrchestrationRuntimeStatus.Completed, final.FailureDetails?.ErrorMessage);

        var manifest = JsonSerializer.Deserialize<RunManifest>(await artifacts.ReadAsync(runId, "manifest.json"), ArtifactJson.Options)!;
        Assert.Equal(before.Lineage, manifest.LakehouseSnapshot);
        var market = JsonSerializer.Deserialize<MarketArtifact>(await artifacts.ReadAsync(runId, "market/returns.json"), ArtifactJson.Options)!;
        Assert.Equal(40, market.Symbols.Length);
        Assert.Equal(419, market.Timestamps.Length);
        Assert.Contains(market.Sectors, s => s != "Unknown");

        var after = await lake.OpenSnapshotAsync();
        Assert.Equal(before.Lineage, after.Lineage);
    }

    [Fact]
    public async Task An_empty_lakehouse_refuses_to_start_a_lakehouse_run_with_a_hint()
    {
        var (runs, engine, _, _) = await StartAsync("lc-lake-empty", "lclakeempty");
        await using var _ = engine;
        var ex = await Assert.ThrowsAsync<TesseraValidationException>(() => runs.StartRunAsync(new StartRunRequest("lakehouse", "lc-lake-empty-run")));
        Assert.Equal("universe.source", ex.Field);
        Assert.Contains("tessera data import", ex.Message, StringComparison.Ordinal);
        Assert.Null(await runs.GetRunAsync("lc-lake-empty-run"));
    }
}
