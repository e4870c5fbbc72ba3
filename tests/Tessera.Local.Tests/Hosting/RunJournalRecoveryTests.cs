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
}
