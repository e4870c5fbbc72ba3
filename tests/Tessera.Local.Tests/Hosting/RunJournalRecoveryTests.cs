using Microsoft.DurableTask.Client;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Hosting;

/// <summary>
/// A host starting on a journal that names runs the task hub never recorded (storage lost its last writes) schedules
/// them again, and reports the ones it cannot schedule as lost (status "Lost" with the reason, never a silent 404).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunJournalRecoveryTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-recover-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Runs_unknown_to_the_task_hub_are_scheduled_again_or_reported_lost()
    {
        var compact = new ProfileCatalog(RepositoryPaths.Profiles).Get("compact");
        var journal = FileRunJournal.Open(_dir);
        await journal.RecordAcceptedAsync(new LifeCycleInput("recover-1", compact), DateTimeOffset.UtcNow, CancellationToken.None);

        // A run an earlier start could not recover (marked lost): shown as such, never scheduled again, never a 404.
        await journal.RecordAcceptedAsync(new LifeCycleInput("lost-1", compact), DateTimeOffset.UtcNow, CancellationToken.None);
        await journal.RecordOutcomeAsync("lost-1", Tessera.Orchestrations.Application.Journal.JournalOutcome.Lost, "could not be scheduled again: test", DateTimeOffset.UtcNow, CancellationToken.None);

        var cli = new TestCli(new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_LOCAL_DIR"] = _dir,
            ["TESSERA_TASK_HUB"] = Tessera.Testing.TestTaskHub.New(),
            ["TESSERA_DURABLE_TUNING"] = "tests",
        });
        await using var storage = await LocalStorage.OpenAsync(cli.Context, null, CancellationToken.None);
        await using var runtime = await LocalRuntime.StartAsync(storage, ProfileCatalog.Locate(), DurableSettings.From(cli.Context), CancellationToken.None);

        Assert.Equal(["recover-1"], runtime.Reconciled!.Rescheduled);
        Assert.Empty(runtime.Reconciled.Lost);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var done = await runtime.Client.WaitForInstanceCompletionAsync("recover-1", getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        var listed = (await runtime.Runs.ListRunsAsync(Tessera.Orchestrations.Application.Listing.RunPageRequest.Default)).Runs.Single(r => r.RunId == "lost-1");
        Assert.Equal("Lost", listed.Status);
        var lost = await runtime.Runs.GetRunAsync("lost-1");
        Assert.Equal("Lost", lost!.Status);
        Assert.Contains("could not be scheduled again", lost.Failure, StringComparison.Ordinal);
        Assert.Null(await runtime.Client.GetInstanceAsync("lost-1"));
        await Assert.ThrowsAsync<Tessera.Orchestrations.Application.RunAlreadyExistsException>(
            () => runtime.Runs.StartRunAsync(new Tessera.Orchestrations.Application.StartRunRequest("compact", "lost-1")));
    }

    [Fact]
    public async Task A_backtest_run_the_task_hub_lost_is_scheduled_again_from_the_journal_and_completes_with_the_same_artifacts()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        Dictionary<string, string?> Env(string hub) => new()
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_LOCAL_DIR"] = _dir,
            ["TESSERA_TASK_HUB"] = hub,
            ["TESSERA_DURABLE_TUNING"] = "tests",
        };
        var request = new Tessera.Orchestrations.Backtests.BacktestRequest(
            Tessera.Orchestrations.Backtests.BacktestKind.Backtest, "connors-rsi2", null, null, null, new Tessera.Orchestrations.Backtests.BacktestUniverse("compact", null), "bt-recover");

        // Accepted and completed on one task hub...
        var first = new TestCli(Env(TestTaskHub.New()));
        await using (var storage = await LocalStorage.OpenAsync(first.Context, null, ct))
        await using (var runtime = await LocalRuntime.StartAsync(storage, ProfileCatalog.Locate(), DurableSettings.From(first.Context), ct))
        {
            Assert.Equal("bt-recover", await runtime.Backtests.StartAsync(request, ct));
            Assert.Equal(Tessera.Orchestrations.Backtests.BacktestSteps.Orchestrator, runtime.Journal.Runs["bt-recover"].Orchestrator);
            Assert.Equal("Completed", (await runtime.Backtests.WaitAsync("bt-recover", ct)).Status);
        }

        // ...which is then lost (a task hub that never recorded it, as storage that lost its last writes looks):
        // the next host schedules it again from the journal, and the run rewrites the same artifacts.
        var second = new TestCli(Env(TestTaskHub.New()));
        await using var storage2 = await LocalStorage.OpenAsync(second.Context, null, ct);
        await using var runtime2 = await LocalRuntime.StartAsync(storage2, ProfileCatalog.Locate(), DurableSettings.From(second.Context), ct);
        Assert.Equal(["bt-recover"], runtime2.Reconciled!.Rescheduled);
        var done = await runtime2.Backtests.WaitAsync("bt-recover", ct);
        Assert.True(done.Status == "Completed", $"{done.Status} {done.Failure}");
        Assert.True(await Tessera.Orchestrations.Artifacts.ManifestCheck.IsIntactAsync(runtime2.Artifacts, "bt-recover", ct));
        var listed = await runtime2.Runs.ListRunsAsync(Tessera.Orchestrations.Application.Listing.RunPageRequest.Default, ct);
        Assert.Contains(listed.Runs, r => r.RunId == "bt-recover" && r.Workflow == Tessera.Orchestrations.Backtests.BacktestSteps.Orchestrator);
    }
    [Fact]
    public async Task A_meta_run_the_task_hub_never_recorded_is_scheduled_again_from_its_journaled_plan_and_completes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = timeout.Token;

        // Accepted (journaled with its resolved plan) just before a crash that took the task hub's record of it.
        var plan = Tessera.Orchestrations.Meta.MetaCatalog.Beside(new ProfileCatalog(RepositoryPaths.Profiles)).Resolve("us_long_short");
        var accepted = new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);
        await FileRunJournal.Open(_dir).RecordAcceptedAsync(new Tessera.Orchestrations.Meta.MetaInput("meta-recover", plan, accepted), new DateTimeOffset(accepted), ct);

        var cli = new TestCli(new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_LOCAL_DIR"] = _dir,
            ["TESSERA_TASK_HUB"] = TestTaskHub.New(),
            ["TESSERA_DURABLE_TUNING"] = "tests",
        });
        await using var storage = await LocalStorage.OpenAsync(cli.Context, null, ct);
        await using var runtime = await LocalRuntime.StartAsync(storage, ProfileCatalog.Locate(), DurableSettings.From(cli.Context), ct);
        Assert.Equal(["meta-recover"], runtime.Reconciled!.Rescheduled);
        Assert.Equal(Tessera.Orchestrations.Application.Journal.JournalOutcome.Rescheduled, runtime.Journal.Runs["meta-recover"].Outcome);

        var done = await runtime.Client.WaitForInstanceCompletionAsync("meta-recover", getInputsAndOutputs: true, ct);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        Assert.Equal(Tessera.Orchestrations.Meta.MetaSteps.Orchestrator, done.Name);
        var output = done.ReadOutputAs<Tessera.Orchestrations.Meta.MetaOutput>()!;
        Assert.Equal(["meta-recover-long_top15", "meta-recover-long_breakout", "meta-recover-short_bottom15", "meta-recover-short_rsi2"], output.Sleeves.Select(x => x.RunId));
        Assert.True(await Tessera.Orchestrations.Artifacts.ManifestCheck.IsIntactAsync(runtime.Artifacts, "meta-recover", ct));

        // The journaled accepted time is the run's start time, as if it had never been lost.
        var manifest = System.Text.Json.JsonSerializer.Deserialize<Tessera.Orchestrations.Meta.MetaManifest>(
            await runtime.Artifacts.ReadAsync("meta-recover", "manifest.json", ct), Tessera.Orchestrations.Artifacts.ArtifactJson.Options)!;
        Assert.Equal(accepted, manifest.StartedAtUtc);
        var view = await runtime.Runs.GetRunAsync("meta-recover", ct);
        Assert.Equal((Tessera.Orchestrations.Meta.MetaSteps.Orchestrator, "Completed"), (view!.Workflow, view.Status));

        // A run id names one run forever: the journal refuses a second start of it.
        await Assert.ThrowsAsync<Tessera.Orchestrations.Application.RunAlreadyExistsException>(
            () => runtime.Runs.StartRunAsync(new Tessera.Orchestrations.Application.StartRunRequest("us_long_short", "meta-recover"), ct));
    }
}
