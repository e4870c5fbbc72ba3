using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Tessera.Core.Determinism;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application.Journal;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Blobs;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Durable;

/// <summary>
/// Failure as a user meets it: tessera processes killed with SIGKILL mid-run, with Azurite and the Azure Storage
/// backend's persistence in the loop. The work resumes in another process on the same task hub.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProcessKillTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _localDir = Directory.CreateTempSubdirectory("tessera-kill-").FullName;
    private readonly string _taskHub = Tessera.Testing.TestTaskHub.New();
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromMinutes(4));

    public void Dispose()
    {
        _deadline.Dispose();
        Directory.Delete(_localDir, recursive: true);
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
        ["TESSERA_TASK_HUB"] = _taskHub,
        ["TESSERA_DURABLE_TUNING"] = "tests",
        ["TESSERA_LOCAL_DIR"] = _localDir,
    };

    [Fact]
    public async Task A_host_killed_mid_life_cycle_resumes_in_a_new_process_without_re_running_completed_steps()
    {
        const string runId = "kill-host-1";
        await using var probe = await DurableProbe.StartAsync(azurite.ConnectionString, _taskHub);
        await using (var host = TesseraProcess.Start(Environment(), "run", "--profile", "default", "--run-id", runId))
        {
            await probe.WaitForStepsAsync(runId, 3, _deadline.Token).WaitAsync(_deadline.Token);
            await host.KillAsync();
        }

        var before = await probe.Client.GetInstanceAsync(runId, getInputsAndOutputs: true, _deadline.Token);
        Assert.NotNull(before);
        Assert.False(before.IsCompleted, "the run must still be in flight when its host dies");
        var stepsBeforeKill = before.ReadCustomStatusAs<LifeCycleProgress>()!.Completed;

        await using var second = TesseraProcess.Start(Environment(), "worker");
        var final = await probe.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, _deadline.Token);
        Assert.True(final.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{final.RuntimeStatus} {final.FailureDetails}\n{second.Output}");

        // One execution, each step scheduled exactly once: the steps completed before the kill were not run again.
        var history = await probe.HistoryAsync(runId);
        Assert.Single(history, e => e.Type == EventType.ExecutionStarted);
        var optimizers = new ProfileCatalog(RepositoryPaths.Profiles).Get("default").Optimization.Optimizers.Count;
        foreach (var step in LifeCycleSteps.ActivityNames)
        {
            Assert.Equal(step == LifeCycleSteps.Optimize ? optimizers : 1, history.Count(e => e.Type == EventType.TaskScheduled && e.Name == step));
        }

        Assert.True(stepsBeforeKill >= 3);
        await AssertArtifactsMatchManifestAsync(runId, final.ReadOutputAs<LifeCycleOutput>()!);
    }

    [Fact]
    public async Task Two_workers_share_one_fan_out_and_the_survivor_finishes_when_the_other_is_killed()
    {
        const string runId = "kill-worker-1";
        await using var probe = await DurableProbe.StartAsync(azurite.ConnectionString, _taskHub);
        var runs = new RunService(probe.Client, new ProfileCatalog(RepositoryPaths.Profiles), new RunArtifactStore(new BlobStore(azurite.ConnectionString)), TimeProvider.System);

        // Worker A alone first, so it owns the orchestration's control queue when B joins and A dies.
        await using var workerA = TesseraProcess.Start(Environment(), "worker");
        await runs.StartRunAsync(new StartRunRequest("default", runId), _deadline.Token);
        await probe.WaitForStepsAsync(runId, 2, _deadline.Token);
        await using var workerB = TesseraProcess.Start(Environment(), "worker");
        await probe.WaitForStepsAsync(runId, 5, _deadline.Token);
        await workerA.KillAsync();

        var final = await probe.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, _deadline.Token);
        Assert.True(final.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{final.RuntimeStatus} {final.FailureDetails}\nworker B:\n{workerB.Output}");
        Assert.False(workerB.HasExited, "the surviving worker keeps running");
        var history = await probe.HistoryAsync(runId);
        Assert.Single(history, e => e.Type == EventType.ExecutionStarted);
        await AssertArtifactsMatchManifestAsync(runId, final.ReadOutputAs<LifeCycleOutput>()!);
    }

    [Fact]
    public async Task A_host_killed_mid_meta_resumes_the_journaled_meta_in_a_new_process_without_starting_it_or_its_sleeves_twice()
    {
        const string runId = "kill-meta-1";
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var ct = deadline.Token;
        var plan = MetaCatalog.Beside(new ProfileCatalog(RepositoryPaths.Profiles)).Resolve("us_long_short");
        await using var probe = await DurableProbe.StartAsync(azurite.ConnectionString, _taskHub);
        await using (var host = TesseraProcess.Start(Environment(), "meta", "run", "us_long_short", "--run-id", runId))
        {
            // Killed while the sleeves' life cycles are in flight (one of them a few steps in).
            await probe.WaitForStepsAsync(runId + "-" + plan.Sleeves[0].Name, 3, ct).WaitAsync(ct);
            await host.KillAsync();
        }

        var before = await probe.Client.GetInstanceAsync(runId, getInputsAndOutputs: false, ct);
        Assert.NotNull(before);
        Assert.False(before.IsCompleted, "the meta must still be in flight when its host dies");

        // The dead host journaled the meta, with its resolved plan, before it printed the run id.
        var journaled = FileRunJournal.OpenReadOnly(_localDir).Runs[runId];
        Assert.Equal((MetaSteps.Orchestrator, JournalOutcome.Accepted), (journaled.Orchestrator, journaled.Outcome));
        Assert.Equal(plan.Sleeves.Select(x => x.Name), journaled.Meta!.Plan.Sleeves.Select(x => x.Name));

        await using var second = TesseraProcess.Start(Environment(), "worker");
        var final = await probe.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, ct);
        Assert.True(final.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{final.RuntimeStatus} {final.FailureDetails}\n{second.Output}");

        // Resumed from its history, not scheduled again: the new host's reconciliation found it in flight and left the
        // journal entry as accepted (a reschedule would have been recorded).
        Assert.Equal(JournalOutcome.Accepted, FileRunJournal.OpenReadOnly(_localDir).Runs[runId].Outcome);

        // One execution of the meta; each sleeve created once, executed once, each of its steps scheduled once.
        var history = await probe.HistoryAsync(runId);
        Assert.Single(history, e => e.Type == EventType.ExecutionStarted);
        Assert.Equal(plan.Sleeves.Count, history.Count(e => e.Type == EventType.SubOrchestrationInstanceCreated));
        Assert.Equal(plan.Sleeves.Count, history.Count(e => e.Type == EventType.TaskScheduled && e.Name == MetaSteps.ResolveSleeve));
        foreach (var step in new[] { MetaSteps.Completeness, MetaSteps.SignTestPre, MetaSteps.Aggregate, MetaSteps.Optimize, MetaSteps.SignTestPost, MetaSteps.Flatten, MetaSteps.Report })
        {
            Assert.Equal(1, history.Count(e => e.Type == EventType.TaskScheduled && e.Name == step));
        }

        foreach (var sleeve in plan.Sleeves)
        {
            var sleeveHistory = await probe.HistoryAsync(runId + "-" + sleeve.Name);
            Assert.Single(sleeveHistory, e => e.Type == EventType.ExecutionStarted);
            foreach (var step in LifeCycleSteps.ActivityNames)
            {
                Assert.Equal(step == LifeCycleSteps.Optimize ? sleeve.Profile!.Optimization.Optimizers.Count : 1, sleeveHistory.Count(e => e.Type == EventType.TaskScheduled && e.Name == step));
            }
        }

        var output = final.ReadOutputAs<MetaOutput>()!;
        var artifacts = new RunArtifactStore(new BlobStore(azurite.ConnectionString));
        var manifestBytes = await artifacts.ReadAsync(runId, "manifest.json", ct);
        Assert.Equal(output.ManifestSha256, Sha256Hex.Of(manifestBytes));
        Assert.True(await ManifestCheck.IsIntactAsync(artifacts, runId, ct));
    }

    private async Task AssertArtifactsMatchManifestAsync(string runId, LifeCycleOutput output)
    {
        var artifacts = new RunArtifactStore(new BlobStore(azurite.ConnectionString));
        var manifestBytes = await artifacts.ReadAsync(runId, "manifest.json");
        Assert.Equal(output.ManifestSha256, Sha256Hex.Of(manifestBytes));
        var manifest = JsonSerializer.Deserialize<RunManifest>(manifestBytes, ArtifactJson.Options)!;
        Assert.NotEmpty(manifest.Artifacts);
        foreach (var a in manifest.Artifacts)
        {
            Assert.Equal(a.Sha256, Sha256Hex.Of(await artifacts.ReadAsync(runId, a.Path)));
        }
    }
}
