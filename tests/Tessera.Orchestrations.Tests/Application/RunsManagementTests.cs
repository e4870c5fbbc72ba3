using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Tessera.Core.Errors;
using Tessera.Local.Durable;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.History;
using Tessera.Orchestrations.Application.Listing;
using Tessera.Orchestrations.Application.Purge;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Tests.Durable;
using Tessera.Storage.Blobs;
using Tessera.Storage.Tables;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.Application;

/// <summary>
/// Runs seen and managed on the embedded durable runtime over Azurite: steps with retries read from the task hub's
/// History table, paging, the history purge (artifacts and protected runs kept), and one spelling of a run id in
/// every store.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunsManagementTests(AzuriteFixture azurite)
{
    private static readonly ProfileCatalog Profiles = new(RepositoryPaths.Profiles);

    [Fact]
    public async Task Status_shows_each_step_with_start_end_and_one_retry_for_an_injected_transient_failure()
    {
        var hub = LifeCycleHost.NewTaskHub();
        var blobs = new FailOnceBlobStore(new BlobStore(azurite.ConnectionString), "/regime/regime.json");
        await using var h = await LifeCycleHost.StartAsync(azurite.ConnectionString, blobs, taskHub: hub);
        var done = await h.RunAsync("steps-retry-1", Profiles.Get("compact"));
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        Assert.Equal(1, blobs.Failures);

        var view = await Runs(h.Client, h.Artifacts, hub).GetRunAsync("steps-retry-1");
        var steps = view!.Steps!;
        Assert.Equal(LifeCycleSteps.ActivityNames.Order(StringComparer.Ordinal), steps.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(steps, s => Assert.Equal("Completed", s.Status));
        Assert.All(steps, s => Assert.True(s.EndedAt >= s.StartedAt, s.Name));
        Assert.All(steps, s => Assert.InRange(s.StartedAt, done.CreatedAt.AddSeconds(-1), done.LastUpdatedAt));
        var regime = steps.Single(s => s.Name == LifeCycleSteps.Regime);
        Assert.Equal((1, 2, 1), (regime.Calls, regime.Attempts, regime.Retries));

        Assert.All(steps.Where(s => s.Name != LifeCycleSteps.Regime), s => Assert.Equal(0, s.Retries));
        var optimizers = Profiles.Get("compact").Optimization.Optimizers.Count;
        Assert.Equal(optimizers, steps.Single(s => s.Name == LifeCycleSteps.Optimize).Calls);

        // Steps come in the order the orchestration first scheduled them.
        var order = steps.Select(s => s.Name).ToList();
        Assert.True(order.IndexOf(LifeCycleSteps.Foundation) < order.IndexOf(LifeCycleSteps.Regime));
        Assert.Equal([LifeCycleSteps.Report, LifeCycleSteps.SealTrace], order[^2..]);
    }

    [Fact]
    public async Task Five_runs_with_page_size_two_come_in_three_pages_each_run_once_and_unfinished_runs_are_never_purged()
    {
        var hub = LifeCycleHost.NewTaskHub();
        var artifacts = new RunArtifactStore(new BlobStore(azurite.ConnectionString));

        // No worker: the runs stay Pending, which is all paging needs (and what the purge must leave alone).
        await using var runtime = await EmbeddedDurableRuntime.StartAsync(
            azurite.ConnectionString,
            registry => registry.AddAtomicLifeCycle(new LifeCycleServices(artifacts)),
            EmbeddedDurableOptions.ForTests with { TaskHubName = hub, RunWorker = false });
        var runs = Runs(runtime.Client, artifacts, hub);
        var ids = Enumerable.Range(1, 5).Select(i => $"page-run-{i}").ToList();
        foreach (var id in ids)
        {
            await runs.StartRunAsync(new StartRunRequest("compact", id));
        }

        var seen = new List<string>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            var page = await runs.ListRunsAsync(RunPageRequest.Parse("2", token, null));
            sizes.Add(page.Runs.Count);
            seen.AddRange(page.Runs.Select(r => r.RunId));
            token = page.ContinuationToken;
        }
        while (token is not null && sizes.Count < 10);

        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal(ids, seen.Order(StringComparer.Ordinal));

        // The status filter goes to the runtime: all five are Pending, none Completed.
        Assert.Equal(5, (await runs.ListRunsAsync(new RunPageRequest(10, null, OrchestrationRuntimeStatus.Pending))).Runs.Count);
        Assert.Empty((await runs.ListRunsAsync(new RunPageRequest(10, null, OrchestrationRuntimeStatus.Completed))).Runs);

        // A token this API did not issue is refused (the backend itself would silently restart from the first page).
        var forged = RunPageRequest.Parse("2", RunPageToken.Wrap("dC0z"), null).ContinuationToken;
        Assert.Equal("dC0z", forged);
        var ex = Assert.Throws<TesseraValidationException>(() => RunPageRequest.Parse("2", "ZEMweg.00000000", null));
        Assert.Equal("continuationToken", ex.Field);

        // Pending runs a year old are still never purged: only finished runs lose their history.
        var purge = new RunHistoryPurge(new Tessera.Orchestrations.Runs.RunIndex(new Tessera.Storage.Tables.RunIndexTable(new TableStore(azurite.ConnectionString)), new Tessera.Storage.Blobs.BlobStore(azurite.ConnectionString), TimeProvider.System), new FixedClock(DateTimeOffset.UtcNow.AddDays(365)));
        var report = await purge.PurgeAsync(runtime.Client, RetentionAge.Parse("30d"), CancellationToken.None);
        Assert.Empty(report.Purged);
        Assert.Equal(5, (await runs.ListRunsAsync(new RunPageRequest(10, null, null))).Runs.Count);
    }

    [Fact]
    public async Task Purge_older_than_removes_the_history_of_old_finished_runs_but_keeps_artifacts_and_protected_runs()
    {
        var hub = LifeCycleHost.NewTaskHub();
        var tables = new TableStore(azurite.ConnectionString);
        await using var h = await LifeCycleHost.StartAsync(azurite.ConnectionString, taskHub: hub);
        var old = await h.RunAsync("purge-old-1", Profiles.Get("compact"));
        var marked = await h.RunAsync("purge-canary-1", Profiles.Get("compact"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, old.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, marked.RuntimeStatus);
        var protection = new Tessera.Orchestrations.Runs.RunIndex(new Tessera.Storage.Tables.RunIndexTable(tables), new Tessera.Storage.Blobs.BlobStore(azurite.ConnectionString), TimeProvider.System);
        await protection.Table.PutAsync(new Tessera.Storage.Tables.RunIndexRow { RowKey = "purge-canary-1", Status = "Completed", Governance = "canary" }, null, CancellationToken.None);
        var artifactsBefore = await h.Artifacts.ListAsync("purge-old-1");
        var age = RetentionAge.Parse("30d");

        // Boundary: a run created exactly 30 days before "now" is not older than 30 days; one tick later it is.
        var latest = old.CreatedAt > marked.CreatedAt ? old.CreatedAt : marked.CreatedAt;
        var atBoundary = await new RunHistoryPurge(protection, new FixedClock(old.CreatedAt + age.Value)).PurgeAsync(h.Client, age, CancellationToken.None);
        Assert.DoesNotContain("purge-old-1", atBoundary.Purged);
        Assert.NotNull(await h.Client.GetInstanceAsync("purge-old-1"));

        var report = await new RunHistoryPurge(protection, new FixedClock(latest + age.Value + TimeSpan.FromMilliseconds(1))).PurgeAsync(h.Client, age, CancellationToken.None);
        Assert.Equal(["purge-old-1"], report.Purged);
        Assert.Equal([new ProtectedRun("purge-canary-1", "canary")], report.Kept);

        // The runtime's record of the old run is gone (instance and history) ...
        Assert.Null(await h.Client.GetInstanceAsync("purge-old-1"));
        Assert.Empty(await new TaskHubHistoryTable(tables, hub).ReadAsync("purge-old-1", CancellationToken.None));

        // ... its artifacts are all still there and verify against the manifest; the marked run is untouched.
        Assert.Equal(artifactsBefore, await h.Artifacts.ListAsync("purge-old-1"));
        Assert.True(await ManifestCheck.IsIntactAsync(h.Artifacts, "purge-old-1", CancellationToken.None));
        Assert.NotNull(await h.Client.GetInstanceAsync("purge-canary-1"));
        Assert.NotEmpty(await new TaskHubHistoryTable(tables, hub).ReadAsync("purge-canary-1", CancellationToken.None));
        Assert.NotNull(await h.Artifacts.ReadAsync("purge-old-1", "report.html"));
    }

    [Fact]
    public async Task One_spelling_of_a_run_id_is_the_instance_id_the_history_partition_the_protection_key_and_the_blob_prefix()
    {
        var hub = LifeCycleHost.NewTaskHub();
        var tables = new TableStore(azurite.ConnectionString);
        var blobs = new BlobStore(azurite.ConnectionString);
        await using var h = await LifeCycleHost.StartAsync(azurite.ConnectionString, blobs, taskHub: hub);
        var runs = Runs(h.Client, h.Artifacts, hub);
        var id = await runs.StartRunAsync(new StartRunRequest("compact", "case-run-1"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await h.Client.WaitForInstanceCompletionAsync(id, false, timeout.Token);

        Assert.Equal("case-run-1", (await h.Client.GetInstanceAsync(id))!.InstanceId);
        var names = new List<string>();
        await foreach (var blob in blobs.ListAsync(RunArtifactStore.Container, "case-run-1/"))
        {
            names.Add(blob.Name);
        }

        Assert.Contains("case-run-1/manifest.json", names);
        var historyRows = new List<TableEntity>();
        await foreach (var row in tables.QueryAsync<TableEntity>(hub + "History", TableClient.CreateQueryFilter($"PartitionKey eq {"case-run-1"}")))
        {
            historyRows.Add(row);
        }

        Assert.NotEmpty(historyRows);
        await new Tessera.Storage.Tables.RunIndexTable(tables).PutAsync(new Tessera.Storage.Tables.RunIndexRow { RowKey = "case-run-1", Status = "Completed", Governance = "frozen" }, null, CancellationToken.None);
        Assert.NotNull(await tables.GetAsync<TableEntity>(Tessera.Storage.Tables.RunIndexTable.Table, Tessera.Storage.Tables.RunIndexTable.Partition, "case-run-1"));

        // The upper-case spelling names nothing: it is refused at the one parsing point, before any store is asked.
        foreach (var call in new Func<Task>[]
        {
            () => runs.GetRunAsync("CASE-RUN-1"),
            () => runs.GetReportAsync("CASE-RUN-1"),
            () => runs.StartRunAsync(new StartRunRequest("compact", "CASE-RUN-1")),
            () => h.Artifacts.ReadAsync("CASE-RUN-1", "manifest.json"),
            () => new Tessera.Orchestrations.Runs.RunIndex(new Tessera.Storage.Tables.RunIndexTable(tables), new Tessera.Storage.Blobs.BlobStore(azurite.ConnectionString), TimeProvider.System).MarkOfAsync("CASE-RUN-1", CancellationToken.None),
            () => new TaskHubHistoryTable(tables, hub).ReadAsync("CASE-RUN-1", CancellationToken.None),
        })
        {
            var ex = await Assert.ThrowsAsync<TesseraValidationException>(call);
            Assert.Contains("lowercase", ex.Rule, StringComparison.Ordinal);
        }

        Assert.Null(await h.Client.GetInstanceAsync("CASE-RUN-1")); // and the runtime indeed holds no such instance
    }

    private RunService Runs(DurableTaskClient client, RunArtifactStore artifacts, string hub) =>
        new(client, Profiles, artifacts, TimeProvider.System, history: new TaskHubHistoryTable(new TableStore(azurite.ConnectionString), hub));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Fails the first write of one artifact with a transient error (not a validation error): the RetryPolicy retries it.</summary>
    private sealed class FailOnceBlobStore(IBlobStore inner, string suffix) : DelegatingBlobStore(inner)
    {
        private readonly ConcurrentDictionary<string, bool> _failed = new(StringComparer.Ordinal);

        public int Failures => _failed.Count;

        public override Task<string> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobWriteCondition condition = default, string? contentType = null, CancellationToken cancellationToken = default)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && _failed.TryAdd(name, true))
            {
                throw new IOException("injected transient failure writing " + name);
            }

            return base.PutAsync(container, name, content, condition, contentType, cancellationToken);
        }
    }
}
