using Microsoft.DurableTask.Client;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.Journal;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Profiles;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Hosting;

/// <summary>
/// The runs a power cut left in flight are settled once they end: a run that ended terminated (or failed), or
/// completed with an artifact the storage lost, is purged and scheduled again from the journal and completes with a
/// manifest that verifies; a run that makes no progress is terminated and scheduled again. Each case is produced on
/// the real runtime over Azurite, the way a torn state shows itself to the host.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class InFlightRunWatchTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-watch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Runs_that_end_badly_or_stall_after_an_unclean_stop_are_scheduled_again_and_complete()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        var cli = new TestCli(new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_LOCAL_DIR"] = _dir,
            ["TESSERA_TASK_HUB"] = TestTaskHub.New(),
            ["TESSERA_DURABLE_TUNING"] = "tests",
        });
        await using var storage = await LocalStorage.OpenAsync(cli.Context, null, ct);
        await using var runtime = await LocalRuntime.StartAsync(storage, ProfileCatalog.Locate(), DurableSettings.From(cli.Context), ct);

        // Torn: completed, but the storage lost one of its artifacts.
        await runtime.Runs.StartRunAsync(new StartRunRequest("compact", "torn-artifact"), ct);
        await runtime.Client.WaitForInstanceCompletionAsync("torn-artifact", cancellation: ct);
        Assert.True(await storage.Blobs.DeleteAsync(RunArtifactStore.Container, RunArtifactStore.BlobName("torn-artifact", "report.html"), cancellationToken: ct));
        Assert.False(await ManifestCheck.IsIntactAsync(runtime.Artifacts, "torn-artifact", ct));

        // Ended another way than completed (what a step whose input the storage lost ends as, after its retries).
        await runtime.Runs.StartRunAsync(new StartRunRequest("compact", "ended-badly"), ct);
        await runtime.Client.TerminateInstanceAsync("ended-badly", cancellation: ct);
        await runtime.Client.WaitForInstanceCompletionAsync("ended-badly", cancellation: ct);

        // Stalled: no progress at all (what a run whose queue message the storage lost looks like).
        await runtime.Runs.StartRunAsync(new StartRunRequest("compact", "stalled"), ct);
        await runtime.Client.SuspendInstanceAsync("stalled", "test: a run that makes no progress", ct);

        // A healthy run left in flight is only watched, and settled when it completes.
        await runtime.Runs.StartRunAsync(new StartRunRequest("compact", "healthy"), ct);

        var report = await InFlightRunWatch.WatchAsync(
            runtime.Journal,
            runtime.Client,
            TimeProvider.System,
            ["torn-artifact", "ended-badly", "stalled", "healthy"],
            (runId, token) => ManifestCheck.IsIntactAsync(runtime.Artifacts, runId, token),
            stallAfter: TimeSpan.FromSeconds(3),
            pollInterval: TimeSpan.FromMilliseconds(100),
            ct);

        Assert.Equal(["ended-badly", "stalled", "torn-artifact"], report.Rescheduled.Order(StringComparer.Ordinal));
        Assert.Equal(["healthy"], report.Settled);
        Assert.Empty(report.Lost);
        foreach (var runId in report.Rescheduled)
        {
            Assert.Equal(JournalOutcome.Rescheduled, runtime.Journal.Runs[runId].Outcome);
            var done = await runtime.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, ct);
            var view = await runtime.Runs.GetRunAsync(runId, ct);
            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{runId}: {done.RuntimeStatus} {done.FailureDetails?.ErrorType}: {done.FailureDetails?.ErrorMessage} {done.SerializedOutput} {view?.Failure} {string.Join(",", view?.Steps?.Select(x => x.ToString()) ?? [])}");
            Assert.True(await ManifestCheck.IsIntactAsync(runtime.Artifacts, runId, ct), runId);
        }

        Assert.Equal(JournalOutcome.Settled, runtime.Journal.Runs["healthy"].Outcome);
    }

    [Fact]
    public async Task A_run_the_journal_marks_lost_is_shown_lost_and_one_the_runtime_does_not_hold_yet_is_pending_never_a_404()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var compact = new ProfileCatalog(RepositoryPaths.Profiles).Get("compact");
        var journal = FileRunJournal.Open(_dir);
        await journal.RecordAcceptedAsync(new Tessera.Orchestrations.LifeCycle.LifeCycleInput("not-held", compact), DateTimeOffset.UtcNow, ct);
        var cli = new TestCli(new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_LOCAL_DIR"] = _dir,
            ["TESSERA_TASK_HUB"] = TestTaskHub.New(),
            ["TESSERA_DURABLE_TUNING"] = "tests",
        });
        await using var storage = await LocalStorage.OpenAsync(cli.Context, null, ct);

        // A read-only host (tessera status) does not reconcile: the journaled run is reported pending, with the reason.
        await using (var reader = await LocalRuntime.StartAsync(storage, ProfileCatalog.Locate(), DurableSettings.From(cli.Context) with { RunWorker = false }, ct))
        {
            var pending = await reader.Runs.GetRunAsync("not-held", ct);
            Assert.Equal("Pending", pending!.Status);
            Assert.Contains("run journal", pending.Failure, StringComparison.Ordinal);
        }
    }
}
