using System.Text.Json;
using AngleSharp.Html.Parser;
using Tessera.Core.Determinism;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Blobs;
using Tessera.Orchestrations.Tests.Durable;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.LifeCycle;

/// <summary>The whole atomic life cycle on the embedded durable runtime (the Azure Storage backend) over a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AtomicLifeCycleTests(AzuriteFixture azurite)
{
    private static readonly ProfileCatalog Profiles = new(RepositoryPaths.Profiles);

    private Task<LifeCycleHost> StartAsync() => LifeCycleHost.StartAsync(azurite.ConnectionString);

    private static Task<OrchestrationMetadata> RunAsync(LifeCycleHost h, string runId, string profile) => h.RunAsync(runId, Profiles.Get(profile));

    [Fact]
    public async Task A_run_completes_with_valid_weights_and_a_manifest_whose_hashes_match_every_artifact()
    {
        await using var h = await StartAsync();
        var status = await RunAsync(h, "lc-manifest", "compact");
        Assert.True(status.RuntimeStatus == OrchestrationRuntimeStatus.Completed, status.FailureDetails?.ToString());
        var output = status.ReadOutputAs<LifeCycleOutput>()!;
        Assert.Equal("inverse_volatility", output.ChosenOptimizer); // compact.yaml: policy prefer:inverse_volatility
        Assert.True(output.Weights.Count >= SelectionSettings.MinimumCandidates);
        Assert.Equal(1.0, output.Weights.Sum(w => w.LongWeight + w.ShortWeight), 9); // L4 budget fully invested
        Assert.All(output.Weights, w => Assert.InRange(Math.Abs(w.Weight), 0, 0.15 + 1e-12)); // max_weight of compact

        var manifestBytes = await h.Artifacts.ReadAsync("lc-manifest", "manifest.json");
        Assert.Equal(output.ManifestSha256, Sha256Hex.Of(manifestBytes));
        var manifest = JsonSerializer.Deserialize<RunManifest>(manifestBytes, ArtifactJson.Options)!;
        Assert.Equal("compact", manifest.Profile.Name);
        Assert.Equal(output.DataFingerprint, manifest.DataFingerprint);
        var stored = await h.Artifacts.ListAsync("lc-manifest");
        Assert.Equal(stored.Where(p => p != "manifest.json").Order(StringComparer.Ordinal), manifest.Artifacts.Select(a => a.Path).Order(StringComparer.Ordinal));
        foreach (var a in manifest.Artifacts)
        {
            Assert.Equal(a.Sha256, Sha256Hex.Of(await h.Artifacts.ReadAsync("lc-manifest", a.Path)));
        }

        // Selection went through the HTR pipeline and recorded why each atom was kept or dropped.
        var selection = JsonSerializer.Deserialize<SelectionArtifact>(await h.Artifacts.ReadAsync("lc-manifest", "selection/selection.json"), ArtifactJson.Options)!;
        Assert.Contains(selection.StageUsed, selection.Stages.Select(st => st.Stage));
        Assert.NotEmpty(selection.AuditTrail);
        Assert.All(selection.AuditTrail, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        Assert.Equal(selection.Selected.Count, selection.Decisions.Count(d => d.Selected));
        Assert.Equal(output.Weights.Count, selection.Selected.Select(c => c.Symbol).Distinct().Count());

        var html = System.Text.Encoding.UTF8.GetString(await h.Artifacts.ReadAsync("lc-manifest", "report.html"));
        var document = new HtmlParser().ParseDocument(html);
        Assert.Contains("lc-manifest", document.Title, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Empty(document.QuerySelectorAll("[src]"));
        Assert.True(document.QuerySelectorAll("table").Length >= 5);
        Assert.NotNull(document.QuerySelector("svg"));
    }

    [Fact]
    public async Task The_optimizers_fan_out_before_any_of_them_completes_and_replay_schedules_the_same_steps()
    {
        await using var h = await StartAsync();
        var status = await RunAsync(h, "lc-replay", "default");
        Assert.True(status.RuntimeStatus == OrchestrationRuntimeStatus.Completed, status.FailureDetails?.ToString());
        var history = await RecordedHistory.ReadAsync(h.Runtime, "lc-replay");

        // Every optimizer activity is scheduled in one orchestrator turn, before any result arrives.
        var optimizers = Profiles.Get("default").Optimization.Optimizers.Count;
        Assert.True(optimizers >= 2);
        var optimizeScheduled = history.Select((e, i) => (e, i)).Where(x => x.e is TaskScheduledEvent t && t.Name == LifeCycleSteps.Optimize).Select(x => x.i).ToList();
        Assert.Equal(optimizers, optimizeScheduled.Count);
        var firstOptimizeResult = history.Select((e, i) => (e, i)).First(x => x.e is TaskCompletedEvent && x.i > optimizeScheduled[0]).i;
        Assert.True(optimizeScheduled[^1] < firstOptimizeResult);

        // Replaying the recorded history through DurableTask.Core's executor schedules the same steps and completes.
        var replay = HistoryReplay.Replay<LifeCycleInput, LifeCycleOutput>(LifeCycleSteps.Orchestrator, AtomicLifeCycleOrchestrator.RunAsync, history);
        Assert.True(replay.IsDeterministic, replay.Failure);
        string[] expected =
        [
            LifeCycleSteps.Foundation, LifeCycleSteps.Recruitment, LifeCycleSteps.Selection, LifeCycleSteps.Enrichment, LifeCycleSteps.Synthesis,
            LifeCycleSteps.Regime, .. Enumerable.Repeat(LifeCycleSteps.Optimize, optimizers), LifeCycleSteps.Choose, LifeCycleSteps.Flatten, LifeCycleSteps.Validate, LifeCycleSteps.Report,
            LifeCycleSteps.SealTrace,
        ];
        Assert.Equal(expected, replay.RecordedSteps);

        // The check can fail: an orchestrator that skips the recruitment step does not replay this history.
        var drifted = HistoryReplay.Replay<LifeCycleInput, LifeCycleOutput>(LifeCycleSteps.Orchestrator, SkipsRecruitmentAsync, history);
        Assert.False(drifted.IsDeterministic);
        Assert.Contains("NonDeterministic", drifted.Failure, StringComparison.Ordinal);

        // Every input and output that crossed the durable history is a reference-sized payload (at most 16 KB).
        foreach (var payload in DurablePayloads.Of(history))
        {
            Assert.True(payload.Bytes <= 16 * 1024, $"{payload.Where} is {payload.Bytes} bytes");
        }
    }

    /// <summary>A "new version" of the life cycle that drops a step: not replay-compatible with recorded runs.</summary>
    private static async Task<LifeCycleOutput> SkipsRecruitmentAsync(Microsoft.DurableTask.TaskOrchestrationContext context, LifeCycleInput input)
    {
        var step = new StepInput(input.RunId, input.Profile, input.Snapshot);
        await context.CallActivityAsync<FoundationOutput>(LifeCycleSteps.Foundation, step);
        await context.CallActivityAsync<object>(LifeCycleSteps.Selection, step);
        throw new InvalidOperationException("unreachable in a faithful replay");
    }

    [Fact]
    public async Task Two_runs_of_one_profile_give_identical_data_and_weights_without_touching_each_other()
    {
        await using var h = await StartAsync();
        var a = (await RunAsync(h, "lc-repeat-a", "compact")).ReadOutputAs<LifeCycleOutput>()!;
        var b = (await RunAsync(h, "lc-repeat-b", "compact")).ReadOutputAs<LifeCycleOutput>()!;
        Assert.Equal(a.DataFingerprint, b.DataFingerprint);
        Assert.Equal(a.Weights, b.Weights);
        Assert.All(await h.Artifacts.ListAsync("lc-repeat-a"), p => Assert.DoesNotContain("lc-repeat-b", p, StringComparison.Ordinal));
        var weightsA = await h.Artifacts.ReadAsync("lc-repeat-a", "weights.csv");
        var weightsB = await h.Artifacts.ReadAsync("lc-repeat-b", "weights.csv");
        Assert.Equal(weightsA, weightsB);
    }

    [Fact]
    public async Task A_universe_below_the_selection_floor_fails_the_run_naming_the_rule_without_retrying()
    {
        await using var h = await StartAsync();
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Profiles, "compact.yaml")).Replace("symbols: 30", "symbols: 10", StringComparison.Ordinal);
        var profile = ProfileCatalog.Parse(yaml, "small.yaml");
        var status = await h.RunAsync("lc-floor", profile);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Contains("selection floor", status.FailureDetails!.InnerFailure?.ErrorMessage ?? status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        var history = await RecordedHistory.ReadAsync(h.Runtime, "lc-floor");
        Assert.Equal(1, history.Count(e => e is TaskScheduledEvent t && t.Name == LifeCycleSteps.Selection)); // bad input is not retried
        Assert.DoesNotContain("report.html", await h.Artifacts.ListAsync("lc-floor"));
    }

    [Fact]
    public async Task Artifacts_are_write_once_identical_rewrites_are_accepted_and_different_bytes_refused()
    {
        var store = new RunArtifactStore(new BlobStore(azurite.ConnectionString));
        var first = await store.WriteAsync("wo-run", "x/a.txt", "one"u8.ToArray(), "text/plain");
        var again = await store.WriteAsync("wo-run", "x/a.txt", "one"u8.ToArray(), "text/plain");
        Assert.Equal(first, again);
        await Assert.ThrowsAsync<ArtifactConflictException>(() => store.WriteAsync("wo-run", "x/a.txt", "two"u8.ToArray(), "text/plain"));
        await Assert.ThrowsAsync<Tessera.Core.Errors.TesseraValidationException>(() => store.WriteAsync("wo-run", "../escape.txt", "x"u8.ToArray(), "text/plain"));
        await Assert.ThrowsAsync<Tessera.Core.Errors.TesseraValidationException>(() => store.WriteAsync("bad/run", "a.txt", "x"u8.ToArray(), "text/plain"));
    }
}
