using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Local.Cli;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.Purge;
using Tessera.Testing;
using Xunit;

namespace Tessera.Functions.Tests;

/// <summary>
/// The Azure twin of the local purge timer, called as the Functions host would call it, with the embedded sidecar's
/// client: it purges the history of finished runs older than the retention and keeps a marked run, like
/// <c>tessera runs purge</c>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TimerFunctionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_daily_purge_timer_removes_old_history_keeps_marked_runs_and_artifacts()
    {
        var context = new CliContext(Spectre.Console.AnsiConsole.Console, TextWriter.Null, new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_TASK_HUB"] = TestTaskHub.New(),
            ["TESSERA_LOCAL_DIR"] = Directory.CreateTempSubdirectory("tessera-timer-").FullName,
            ["TESSERA_DURABLE_TUNING"] = "tests",
        });
        await using var storage = await LocalStorage.OpenAsync(context, null, CancellationToken.None);
        await using var runtime = await LocalRuntime.StartAsync(storage, Tessera.Orchestrations.Profiles.ProfileCatalog.Locate(), DurableSettings.From(context), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        foreach (var id in new[] { "timer-old-1", "timer-frozen-1" })
        {
            await runtime.Runs.StartRunAsync(new StartRunRequest("compact", id), timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await runtime.Client.WaitForInstanceCompletionAsync(id, false, timeout.Token)).RuntimeStatus);
        }

        // Governance's state lives in the run index; a frozen run there is protected from the purge.
        var protection = new Tessera.Orchestrations.Runs.RunIndex(new Tessera.Storage.Tables.RunIndexTable(storage.Tables), storage.Blobs, TimeProvider.System);
        await protection.Table.PutAsync(new Tessera.Storage.Tables.RunIndexRow { RowKey = "timer-frozen-1", Status = "Completed", Governance = "frozen" }, null, CancellationToken.None);

        // Today nothing is 30 days old (the default retention): the timer purges nothing.
        var today = new TimerFunctions(new RunHistoryPurge(protection, TimeProvider.System), NullLogger<TimerFunctions>.Instance);
        await today.PurgeRunHistory(new TimerInfo(), runtime.Client, CancellationToken.None);
        Assert.NotNull(await runtime.Client.GetInstanceAsync("timer-old-1"));

        // Thirty-one days on, the old run's history goes, the frozen run's stays, and the artifacts of both remain.
        var later = new TimerFunctions(new RunHistoryPurge(protection, new LaterClock(TimeSpan.FromDays(31))), NullLogger<TimerFunctions>.Instance);
        await later.PurgeRunHistory(new TimerInfo(), runtime.Client, CancellationToken.None);
        Assert.Null(await runtime.Client.GetInstanceAsync("timer-old-1"));
        Assert.NotNull(await runtime.Client.GetInstanceAsync("timer-frozen-1"));
        Assert.NotEmpty(await runtime.Artifacts.ListAsync("timer-old-1"));
        Assert.NotNull(await runtime.Artifacts.ReadAsync("timer-old-1", "manifest.json"));
    }

    private sealed class LaterClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
