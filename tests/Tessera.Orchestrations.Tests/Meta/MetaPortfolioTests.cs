using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Tessera.Core;
using Tessera.Core.Determinism;
using Tessera.Core.Meta;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Tests.Durable;
using Tessera.Storage.Blobs;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.Meta;

/// <summary>The meta portfolio on the embedded durable runtime (Azure Storage backend on a real Azurite), sleeves as sub-orchestrations.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MetaPortfolioTests(AzuriteFixture azurite)
{
    private static readonly string[] FourSleeves = ["long_top15", "long_breakout", "short_bottom15", "short_rsi2"];

    [Fact]
    public async Task A_four_sleeve_meta_completes_then_pinned_metas_replay_it_identically_and_fail_on_a_missing_artifact_or_a_mislabelled_short()
    {
        await using var h = await MetaHost.StartAsync(azurite.ConnectionString);
        var plan = h.Metas.Resolve("us_long_short");
        var status = await h.RunAsync("meta4", plan);
        Assert.True(status.RuntimeStatus == OrchestrationRuntimeStatus.Completed, status.FailureDetails?.ToString());
        var output = status.ReadOutputAs<MetaOutput>()!;

        // Sleeves ran as life cycles with run ids derived from the meta's; weights are a full, capped allocation.
        Assert.Equal(FourSleeves, output.Sleeves.Select(s => s.Sleeve));
        Assert.Equal(FourSleeves.Select(s => "meta4-" + s), output.Sleeves.Select(s => s.RunId));
        Assert.Equal("erc", output.Optimizer);
        Assert.Equal(1.0, output.SleeveWeights.Sum(), 9);
        Assert.All(output.SleeveWeights, w => Assert.InRange(w, 0, 0.4 + 1e-9));
        Assert.True(output.HedgeRatio is > 0, "a meta with both legs has a hedge ratio");

        // Hedge ratio = short-leg gross / long-leg gross, recomputed from the sleeves' own streams.
        var optimization = await ReadAsync<MetaOptimizationArtifact>(h, "meta4", "meta/optimization.json");
        var streams = new List<SleeveStreamArtifact>();
        foreach (var s in FourSleeves)
        {
            streams.Add(await ReadAsync<SleeveStreamArtifact>(h, "meta4", $"sleeves/{s}/stream.json"));
        }

        double longGross = 0, shortGross = 0;
        for (var i = 0; i < 4; i++)
        {
            var gross = streams[i].Weights.Sum(w => Math.Abs(w.Weight));
            if (streams[i].Side == Side.Short)
            {
                shortGross += optimization.Weights[i] * gross;
                Assert.True(streams[i].Weights.Sum(w => w.Weight) < 0, "short sleeves are net short");
            }
            else
            {
                longGross += optimization.Weights[i] * gross;
            }
        }

        Assert.Equal(shortGross / longGross, output.HedgeRatio!.Value, 12);

        // Each sleeve's stream is its life cycle's walk-forward out-of-sample stream (validation/walk_forward.json: the
        // test windows only), not the in-sample backtest over the whole synthesis calendar; the manifest records which.
        for (var i = 0; i < 4; i++)
        {
            var sleeveRun = "meta4-" + FourSleeves[i];
            var validation = await ReadAsync<ValidationArtifact>(h, sleeveRun, "validation/walk_forward.json");
            var synthesis = await ReadAsync<StreamsArtifact>(h, sleeveRun, "synthesis/streams.json");
            Assert.Equal(OutOfSampleStream.Kind, streams[i].Stream);
            Assert.Equal(validation.OutOfSampleReturns, streams[i].Returns);
            Assert.Equal(validation.OutOfSampleTimestamps, streams[i].Timestamps);
            var firstTest = validation.Splits[0].TestStart;
            Assert.Equal(synthesis.Timestamps[firstTest], streams[i].Timestamps[0]); // the first train window is not in the stream
            Assert.Equal(validation.Splits.Sum(x => x.TestEnd - x.TestStart), streams[i].Returns.Length);
            Assert.True(streams[i].Returns.Length < synthesis.Timestamps.Length);
            Assert.Equal(validation.TotalReturn, streams[i].Returns.Aggregate(1.0, (acc, r) => acc * (1 + r)) - 1, 9);
        }

        // The sign tests (two SHORT sleeves each), the completeness table, the caps after netting.
        var pre = await ReadAsync<SignTestReport>(h, "meta4", "directional_sign_test_pre_opt.json");
        var post = await ReadAsync<SignTestReport>(h, "meta4", "directional_sign_test.json");
        Assert.True(pre.Passed && post.Passed);
        Assert.Equal(["short_bottom15", "short_rsi2"], pre.Rows.Select(r => r.Sleeve));
        Assert.All(pre.Rows, r => Assert.True(r.BasketCorrelation < 0 && r.NetExposure < 0));
        var completeness = await ReadAsync<CompletenessArtifact>(h, "meta4", "meta/completeness.json");
        Assert.True(completeness.Passed);
        Assert.Equal(FourSleeves, completeness.Rows.Select(r => r.Sleeve));
        var weights = await ReadAsync<MetaWeightsArtifact>(h, "meta4", "weights.json");
        Assert.All(weights.Weights, w => Assert.InRange(Math.Abs(w.Weight), 0, 0.08 + 1e-12));

        // The report has every required section, the run ids and the hedge ratio; the audit carries the trace id.
        var report = await h.TextAsync("meta4", "report.md");
        foreach (var section in MetaReportRenderer.RequiredSections)
        {
            Assert.Contains("\n## " + section + "\n", report, StringComparison.Ordinal);
        }

        Assert.All(output.Sleeves, s => Assert.Contains(s.RunId!, report, StringComparison.Ordinal));
        Assert.Contains("Hedge ratio " + output.HedgeRatio.Value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), report, StringComparison.Ordinal);
        Assert.Contains(output.TraceId, report, StringComparison.Ordinal);
        // The audit is written by the life cycle's AuditTrail (one writer), under the run's derived trace id; gates link their artifacts.
        Assert.Equal(Tessera.Orchestrations.Runs.RunTraceId.Of("meta4"), output.TraceId);
        var audit = AuditTrail.Parse(await h.Artifacts.ReadAsync("meta4", "audit.jsonl"));
        Assert.True(audit.Count >= 9);
        Assert.All(audit, line => Assert.Equal(output.TraceId, line.TraceId));
        Assert.Equal(Enumerable.Range(1, audit.Count), audit.Select(l => l.Seq));
        var completenessLine = Assert.Single(audit, l => l.Step == "completeness");
        Assert.Equal((AuditKinds.Gate, "sleeve_completeness", AuditKinds.Passed, "meta/completeness.json"), (completenessLine.Kind, completenessLine.Name, completenessLine.Outcome, completenessLine.Artifact!.Path));
        Assert.Equal(FourSleeves, audit.Where(l => l.Step == "sleeves" && l.Outcome == AuditKinds.Completed).Select(l => l.Name));

        // The manifest hashes every artifact, the audit included (written before it).
        var manifestBytes = await h.Artifacts.ReadAsync("meta4", "manifest.json");
        Assert.Equal(output.ManifestSha256, Sha256Hex.Of(manifestBytes));
        var manifest = JsonSerializer.Deserialize<MetaManifest>(manifestBytes, ArtifactJson.Options)!;
        Assert.Equal(OutOfSampleStream.Kind, manifest.SleeveReturnStream);
        Assert.Contains("Sleeve return streams: walk_forward_oos", report, StringComparison.Ordinal);
        Assert.Contains(manifest.Artifacts, a => a.Path == "audit.jsonl");
        Assert.Equal((await h.Artifacts.ListAsync("meta4")).Where(p => p != "manifest.json").Order(StringComparer.Ordinal), manifest.Artifacts.Select(a => a.Path).Order(StringComparer.Ordinal));
        foreach (var a in manifest.Artifacts)
        {
            Assert.Equal(a.Sha256, Sha256Hex.Of(await h.Artifacts.ReadAsync("meta4", a.Path)));
        }

        // Replay of the recorded history schedules the same sub-orchestrations (first, in one turn) and steps.
        var history = await RecordedHistory.ReadAsync(h.Runtime, "meta4");
        var replay = HistoryReplay.Replay<MetaInput, MetaOutput>(MetaSteps.Orchestrator, MetaPortfolioOrchestrator.RunAsync, history);
        Assert.True(replay.IsDeterministic, replay.Failure);
        Assert.Equal(
            [.. Enumerable.Repeat(LifeCycleSteps.Orchestrator, 4), .. Enumerable.Repeat(MetaSteps.ResolveSleeve, 4), MetaSteps.Completeness, MetaSteps.SignTestPre,
                MetaSteps.Aggregate, MetaSteps.Optimize, MetaSteps.SignTestPost, MetaSteps.Flatten, MetaSteps.Report, LifeCycleSteps.SealTrace],
            replay.RecordedSteps);
        Assert.Equal(FourSleeves.Select(s => "meta4-" + s), history.OfType<SubOrchestrationInstanceCreatedEvent>().Select(e => e.InstanceId));
        var drifted = HistoryReplay.Replay<MetaInput, MetaOutput>(MetaSteps.Orchestrator, SkipsTheFanOutAsync, history);
        Assert.False(drifted.IsDeterministic);

        // Determinism: a meta of the same sleeves, pinned to those runs, run twice gives identical manifests but for the run id.
        var pinned = Pinned(plan, output);
        var a1 = await h.RunAsync("meta4-pin-a", pinned);
        var a2 = await h.RunAsync("meta4-pin-b", pinned);
        Assert.True(a1.RuntimeStatus == OrchestrationRuntimeStatus.Completed, a1.FailureDetails?.ToString());
        Assert.True(a2.RuntimeStatus == OrchestrationRuntimeStatus.Completed, a2.FailureDetails?.ToString());
        await AssertSameButRunIdAsync(h, "meta4-pin-a", "meta4-pin-b");
        // Pinned or run now, the numbers are the same: the weights of the pinned meta equal the original's.
        Assert.Equal(await h.Artifacts.ReadAsync("meta4", "weights.csv"), await h.Artifacts.ReadAsync("meta4-pin-a", "weights.csv"));

        // A long sleeve labelled SHORT fails the sign test before ensembling, named.
        var mislabelled = pinned with { Sleeves = [.. pinned.Sleeves.Select(s => s.Name == "long_breakout" ? s with { Side = Side.Short } : s)] };
        var signFail = await h.RunAsync("meta4-pin-sign", mislabelled);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, signFail.RuntimeStatus);
        Assert.Contains("directional sign test", signFail.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("sleeve long_breakout", signFail.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        var signAudit = AuditTrail.Parse(await h.Artifacts.ReadAsync("meta4-pin-sign", "audit.jsonl"));
        Assert.Equal(AuditKinds.Failed, signAudit.Single(l => l.Step == "directional_sign_test_pre_opt").Outcome);
        Assert.Equal(("meta", AuditKinds.Failed), (signAudit[^1].Step, signAudit[^1].Outcome));
        Assert.DoesNotContain("manifest.json", await h.Artifacts.ListAsync("meta4-pin-sign"));

        // Removing one pinned sleeve's artifact makes the next meta fail at the completeness gate, naming sleeve and artifact.
        // A sleeve run written before the walk-forward report carried its out-of-sample stream (a copy of short_rsi2's run
        // with that stream removed and its manifest rehashed: every artifact present and matching) is incomplete, named;
        // the meta never falls back to the in-sample stream.
        await CopyWithoutOutOfSampleStreamAsync(h, "meta4-short_rsi2", "legacy-short-rsi2");
        var legacy = pinned with { Sleeves = [.. pinned.Sleeves.Select(s => s.Name == "short_rsi2" ? s with { PinnedRunId = "legacy-short-rsi2" } : s)] };
        var noOos = await h.RunAsync("meta4-pin-legacy", legacy);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, noOos.RuntimeStatus);
        Assert.Contains(
            "sleeve short_rsi2: missing required artifact validation/walk_forward.json (has no walk-forward out-of-sample stream) in run legacy-short-rsi2",
            noOos.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("manifest.json", await h.Artifacts.ListAsync("meta4-pin-legacy"));

        Assert.True(await new BlobStore(azurite.ConnectionString).DeleteAsync(RunArtifactStore.Container, "meta4-short_rsi2/validation/walk_forward.json"));
        var missing = await h.RunAsync("meta4-pin-missing", pinned);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, missing.RuntimeStatus);
        Assert.Contains("sleeve completeness gate", missing.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("sleeve short_rsi2: missing required artifact validation/walk_forward.json in run meta4-short_rsi2", missing.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        var table = await ReadAsync<CompletenessArtifact>(h, "meta4-pin-missing", "meta/completeness.json");
        Assert.Equal([true, true, true, false], table.Rows.Select(r => r.Complete));
        Assert.DoesNotContain("manifest.json", await h.Artifacts.ListAsync("meta4-pin-missing"));
    }

    [Fact]
    public async Task The_same_meta_profile_run_twice_gives_identical_manifests_but_for_the_run_ids()
    {
        await using var h = await MetaHost.StartAsync(azurite.ConnectionString);
        var plan = h.Metas.Resolve("us_long_short");
        var a = await h.RunAsync("twice-a", plan);
        var b = await h.RunAsync("twice-b", plan);
        Assert.True(a.RuntimeStatus == OrchestrationRuntimeStatus.Completed, a.FailureDetails?.ToString());
        Assert.True(b.RuntimeStatus == OrchestrationRuntimeStatus.Completed, b.FailureDetails?.ToString());
        // The completeness table names the sleeve runs (twice-a-long_top15 ...): it differs by the run id only, like the audit and report.
        await AssertSameButRunIdAsync(h, "twice-a", "twice-b", "meta/completeness.json");
        foreach (var sleeve in FourSleeves)
        {
            Assert.Equal(await h.Artifacts.ReadAsync("twice-a-" + sleeve, "weights.csv"), await h.Artifacts.ReadAsync("twice-b-" + sleeve, "weights.csv"));
        }
    }

    [Fact]
    public async Task A_meta_listing_a_meta_runs_it_as_a_nested_sub_orchestration_and_reads_its_stream()
    {
        await using var h = await MetaHost.StartAsync(azurite.ConnectionString);
        var status = await h.RunAsync("nest", h.Metas.Resolve("us_core_hedged"));
        Assert.True(status.RuntimeStatus == OrchestrationRuntimeStatus.Completed, status.FailureDetails?.ToString());
        var output = status.ReadOutputAs<MetaOutput>()!;
        Assert.Equal(["nest-long_short", "nest-core_long"], output.Sleeves.Select(s => s.RunId));
        Assert.Equal("min_variance", output.Optimizer);
        Assert.Null(output.HedgeRatio); // both sleeves of the outer meta are LONG: no short leg at this level

        // The inner meta ran its own four life cycles under its own run id and wrote its stream for the outer one.
        var inner = await h.Client.GetInstanceAsync("nest-long_short", getInputsAndOutputs: true);
        Assert.Equal(MetaSteps.Orchestrator, inner!.Name);
        var innerOutput = inner.ReadOutputAs<MetaOutput>()!;
        Assert.Equal(FourSleeves.Select(s => "nest-long_short-" + s), innerOutput.Sleeves.Select(s => s.RunId));
        Assert.NotNull(innerOutput.HedgeRatio);
        var innerStream = await ReadAsync<SleeveStreamArtifact>(h, "nest-long_short", "meta/stream.json");
        var asSleeve = await ReadAsync<SleeveStreamArtifact>(h, "nest", "sleeves/long_short/stream.json");
        Assert.Equal(MetaSteps.Workflow, asSleeve.Workflow);
        Assert.Equal(innerStream.Returns, asSleeve.Returns);
        Assert.Equal(innerStream.Weights, asSleeve.Weights);

        // Flattening went through both levels: every asset weight is the outer weights times the inner meta's and the core sleeve's assets, capped at 0.1.
        var weights = await ReadAsync<MetaWeightsArtifact>(h, "nest", "weights.json");
        Assert.All(weights.Weights, w => Assert.InRange(Math.Abs(w.Weight), 0, 0.1 + 1e-12));
        var core = await ReadAsync<SleeveStreamArtifact>(h, "nest", "sleeves/core_long/stream.json");
        foreach (var w in weights.Weights.Where(x => !x.Capped))
        {
            var expected = output.SleeveWeights[0] * innerStream.Weights.Where(x => x.Symbol == w.Symbol).Sum(x => x.Weight)
                + output.SleeveWeights[1] * core.Weights.Where(x => x.Symbol == w.Symbol).Sum(x => x.Weight);
            Assert.Equal(expected, w.Weight, 12);
        }
    }

    [Fact]
    public async Task A_failing_sleeve_fails_the_meta_naming_the_sleeve_and_the_audit_records_it()
    {
        await using var h = await MetaHost.StartAsync(azurite.ConnectionString);
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Profiles, "compact.yaml")).Replace("symbols: 30", "symbols: 10", StringComparison.Ordinal);
        var tooSmall = ProfileCatalog.Parse(yaml, "compact.yaml");
        var plan = new MetaPlan("failing", Tessera.Core.Portfolio.Allocation.Optimizer.Erc, 1.0, false,
        [
            new PlannedSleeve("too_small", Side.Long, 1.0, Profile: tooSmall),
            new PlannedSleeve("also_small", Side.Long, 1.0, Profile: tooSmall with { Name = "compact_b" }),
        ]);
        var status = await h.RunAsync("meta-fail", plan);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        var message = status.FailureDetails!.ErrorMessage;
        Assert.Contains("sleeve too_small (run meta-fail-too_small) failed", message, StringComparison.Ordinal);
        Assert.Contains("selection floor", message, StringComparison.Ordinal);
        Assert.Contains("sleeve also_small", message, StringComparison.Ordinal);
        var audit = AuditTrail.Parse(await h.Artifacts.ReadAsync("meta-fail", "audit.jsonl"));
        Assert.Equal(["too_small", "also_small"], audit.Where(l => l.Step == "sleeves" && l.Outcome == AuditKinds.Failed).Select(l => l.Name));
        Assert.All(audit, l => Assert.Equal(Tessera.Orchestrations.Runs.RunTraceId.Of("meta-fail"), l.TraceId));
        Assert.Equal(["audit.jsonl"], await h.Artifacts.ListAsync("meta-fail"));
        var history = await RecordedHistory.ReadAsync(h.Runtime, "meta-fail");
        Assert.DoesNotContain(history, e => e is TaskScheduledEvent t && t.Name == MetaSteps.ResolveSleeve); // stopped at the fan-in
    }

    private static MetaPlan Pinned(MetaPlan plan, MetaOutput output) =>
        plan with { Name = "us_long_short_pinned", Sleeves = [.. plan.Sleeves.Select((s, i) => new PlannedSleeve(s.Name, s.Side, s.Cap, PinnedRunId: output.Sleeves[i].RunId))] };

    /// <summary>Every artifact and the manifest of run b equal run a's once a's run id and trace id are written as b's.</summary>
    private static async Task AssertSameButRunIdAsync(MetaHost h, string a, string b, params string[] alsoNamingTheRun)
    {
        var pathsA = (await h.Artifacts.ListAsync(a)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(pathsA, (await h.Artifacts.ListAsync(b)).Order(StringComparer.Ordinal));
        // The audit links the artifacts of its gates by SHA-256: a linked document that names the run (checked below to
        // differ by the run id only) has a different hash in b, written as b's too.
        var hashes = new List<(string A, string B)>();
        foreach (var path in alsoNamingTheRun)
        {
            hashes.Add((Sha256Hex.Of(await h.Artifacts.ReadAsync(a, path)), Sha256Hex.Of(await h.Artifacts.ReadAsync(b, path))));
        }

        string Normalize(string text)
        {
            text = text.Replace(Tessera.Orchestrations.Runs.RunTraceId.Of(a), Tessera.Orchestrations.Runs.RunTraceId.Of(b), StringComparison.Ordinal).Replace(a, b, StringComparison.Ordinal);
            foreach (var (ha, hb) in hashes)
            {
                text = text.Replace(ha, hb, StringComparison.Ordinal);
            }

            return text;
        }

        var differing = new List<string>();
        foreach (var path in pathsA.Where(p => p != "manifest.json"))
        {
            var textA = await h.TextAsync(a, path);
            var textB = await h.TextAsync(b, path);
            if (textA == textB)
            {
                continue;
            }

            Assert.Equal(Normalize(textA), textB);
            differing.Add(path);
        }

        // Only the documents that name the run differ; every numeric artifact is byte-identical.
        Assert.Equal(new[] { "audit.jsonl", "report.html", "report.md" }.Concat(alsoNamingTheRun).Order(StringComparer.Ordinal), differing.Order(StringComparer.Ordinal));
        var manifestA = JsonSerializer.Deserialize<MetaManifest>(await h.Artifacts.ReadAsync(a, "manifest.json"), ArtifactJson.Options)!;
        var manifestB = JsonSerializer.Deserialize<MetaManifest>(await h.Artifacts.ReadAsync(b, "manifest.json"), ArtifactJson.Options)!;
        Assert.Equal(manifestA.StartedAtUtc, manifestB.StartedAtUtc);
        Assert.Equal(
            Normalize(JsonSerializer.Serialize(manifestA with { Artifacts = [] }, ArtifactJson.Options)),
            JsonSerializer.Serialize(manifestB with { Artifacts = [] }, ArtifactJson.Options));
        Assert.Equal(
            manifestA.Artifacts.Where(x => !differing.Contains(x.Path)),
            manifestB.Artifacts.Where(x => !differing.Contains(x.Path)));
    }

    /// <summary>Copies a completed life cycle's artifacts to another run id with walk_forward.json's out-of-sample stream removed and the manifest rehashed.</summary>
    private static async Task CopyWithoutOutOfSampleStreamAsync(MetaHost h, string from, string to)
    {
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await h.Artifacts.ReadAsync(from, "manifest.json"))!;
        foreach (var a in manifest["artifacts"]!.AsArray())
        {
            var path = a!["path"]!.GetValue<string>();
            var bytes = await h.Artifacts.ReadAsync(from, path);
            if (path == "validation/walk_forward.json")
            {
                var validation = System.Text.Json.Nodes.JsonNode.Parse(bytes)!.AsObject();
                Assert.True(validation.Remove("out_of_sample_timestamps") && validation.Remove("out_of_sample_returns"));
                bytes = System.Text.Encoding.UTF8.GetBytes(validation.ToJsonString());
                a["sha256"] = Sha256Hex.Of(bytes);
                a["length"] = bytes.Length;
            }

            await h.Artifacts.WriteAsync(to, path, bytes, a["content_type"]!.GetValue<string>());
        }

        manifest["run_id"] = to;
        await h.Artifacts.WriteAsync(to, "manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()), "application/json");
    }

    private static async Task<T> ReadAsync<T>(MetaHost h, string runId, string path) =>
        JsonSerializer.Deserialize<T>(await h.Artifacts.ReadAsync(runId, path), ArtifactJson.Options)!;

    /// <summary>A "new version" that skips the sleeves' fan-out: not replay-compatible with recorded meta runs.</summary>
    private static async Task<MetaOutput> SkipsTheFanOutAsync(Microsoft.DurableTask.TaskOrchestrationContext context, MetaInput input)
    {
        await context.CallActivityAsync<SleeveResolution>(MetaSteps.ResolveSleeve, new ResolveSleeveInput(input.RunId, "x", Side.Long, null));
        throw new InvalidOperationException("unreachable in a faithful replay");
    }
}
