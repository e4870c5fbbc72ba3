using Tessera.Durable;
using Tessera.Durable.Local;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Blobs;
using Tessera.Storage.Tables;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.LifeCycle;

/// <summary>
/// The engine running a life cycle dies inside the synthesis activity, after foundation, recruitment, selection
/// and enrichment completed; a new engine on the same storage finishes the run. Completed activities are not
/// executed again (each of their artifacts was attempted exactly once); only the activity that was in flight
/// runs a second time (at-least-once, as in Durable Functions).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LifeCycleCrashRecoveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_killed_mid_way_resumes_on_a_new_engine_without_re_executing_completed_steps()
    {
        const string hub = "lccrash";
        const string runId = "lc-crash-1";
        var profile = new ProfileCatalog(RepositoryPaths.Profiles).Get("compact");
        var blobs = new CountingBlobStore(new BlobStore(azurite.ConnectionString));
        var registry = new DurableRegistry().AddAtomicLifeCycle(new LifeCycleServices(new RunArtifactStore(blobs)));

        var killable = new KillableTableStore(new TableStore(azurite.ConnectionString));
        var crashed = new TaskCompletionSource();
        blobs.TrapName = "/synthesis/streams.json";
        blobs.OnTrap = () =>
        {
            killable.Kill(); // the process dies: engine A can no longer record anything
            crashed.TrySetResult();
        };

        var engineA = new DurableEngine(killable, registry, new DurableEngineOptions { TaskHubName = hub });
        await engineA.StartAsync();
        await engineA.ScheduleNewOrchestrationInstanceAsync(LifeCycleSteps.Orchestrator, new LifeCycleInput(runId, profile), runId);
        await crashed.Task.WaitAsync(TimeSpan.FromMinutes(2));
        try
        {
            await engineA.DisposeAsync();
        }
        catch (IOException)
        {
            // a dead process does not shut down cleanly
        }

        var tables = new TableStore(azurite.ConnectionString);
        var engineB = new DurableEngine(tables, registry, new DurableEngineOptions { TaskHubName = hub });
        var resumed = await engineB.StartAsync();
        Assert.Contains(runId, resumed);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var final = await engineB.WaitForInstanceCompletionAsync(runId, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, final.RuntimeStatus);
        var history = await engineB.GetHistoryAsync(runId);
        await engineB.DisposeAsync();

        var prefix = runId + "/";
        foreach (var completedBeforeCrash in new[] { "market/returns.json", "market/l0_report.json", "recruitment/candidates.json", "selection/selection.json", "enrichment/atoms.json" })
        {
            Assert.Equal(1, blobs.PutAttempts[prefix + completedBeforeCrash]);
        }

        Assert.Equal(2, blobs.PutAttempts[prefix + "synthesis/streams.json"]); // in flight at the crash: ran again
        Assert.All(blobs.PutAttempts.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && !p.Key.EndsWith("synthesis/streams.json", StringComparison.Ordinal)), p => Assert.Equal(1, p.Value));
        Assert.Equal(1, history.Count(e => e.EventType == HistoryEventType.TaskCompleted && e.Name == LifeCycleSteps.Foundation)
            + history.Count(e => e.EventType == HistoryEventType.TaskScheduled && e.Name == LifeCycleSteps.Foundation) - 1);
        Assert.True(ReplayVerifier.Replay(registry, runId, history).IsDeterministic);
    }
}
