using System.Text.Json;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Blobs;
using Tessera.Storage.Lakehouse;
using Tessera.Orchestrations.Tests.Durable;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.LifeCycle;

/// <summary>A lakehouse profile reads the snapshot pinned at start, records it in the manifest and never mutates the lakehouse.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LakehouseLifeCycleTests(AzuriteFixture azurite)
{
    private async Task<(RunService Runs, LifeCycleHost Host, RunArtifactStore Artifacts, Lakehouse Lake)> StartAsync(string container)
    {
        var blobs = new BlobStore(azurite.ConnectionString);
        var lake = new Lakehouse(blobs, TimeProvider.System, new LakehouseOptions { Container = container });
        await lake.InitializeAsync();
        var host = await LifeCycleHost.StartAsync(azurite.ConnectionString, blobs, lake);
        return (host.Runs, host, host.Artifacts, lake);
    }

    [Fact]
    public async Task A_lakehouse_run_reads_the_pinned_snapshot_records_it_and_leaves_the_lakehouse_unchanged()
    {
        var (runs, host, artifacts, lake) = await StartAsync("lc-lake");
        await using var _ = host;
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
        var (runs, host, _, _) = await StartAsync("lc-lake-empty");
        await using var _ = host;
        var ex = await Assert.ThrowsAsync<TesseraValidationException>(() => runs.StartRunAsync(new StartRunRequest("lakehouse", "lc-lake-empty-run")));
        Assert.Equal("universe.source", ex.Field);
        Assert.Contains("tessera data import", ex.Message, StringComparison.Ordinal);
        Assert.Null(await runs.GetRunAsync("lc-lake-empty-run"));
    }
}
