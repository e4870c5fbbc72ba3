using System.Text;
using Microsoft.DurableTask.Client;
using Tessera.Core.Governance;
using Tessera.Orchestrations.Application.Governance;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Runs;
using Tessera.Orchestrations.Tests.Durable;
using Tessera.Storage.Blobs;
using Tessera.Storage.Tables;
using Tessera.Trading.Ledger;
using Tessera.Trading.Safety;
using Xunit;

namespace Tessera.Orchestrations.Tests.Application.Governance;

/// <summary>
/// Governance end to end on Azurite: a real life cycle writes audit.jsonl and its coverage artifact before the
/// manifest; the promotion gate reads them; every transition lands in the governance chain (its own container per
/// test, so tests never see each other's canaries) and the run index; a kill-switch firing demotes a canary with the
/// actions as its reason. The clock is virtual: canary days are NYSE sessions of March 2026 (no holidays).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GovernanceServiceTests(AzuriteFixture azurite)
{
    private static readonly ProfileCatalog Profiles = new(RepositoryPaths.Profiles);

    /// <summary>Monday 2026-03-02 10:00 New York (15:00 UTC), mid-session.</summary>
    private static readonly DateTimeOffset Monday10 = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed record Setup(LifeCycleHost Host, GovernanceService Service, GovernanceChain Chain, RunIndex Index, BlobStore Blobs, Clock Clock);

    private async Task<Setup> StartAsync(string runId)
    {
        var blobs = new BlobStore(azurite.ConnectionString);
        var clock = new Clock(Monday10);
        var index = new RunIndex(new RunIndexTable(new TableStore(azurite.ConnectionString)), blobs, clock);
        var host = await LifeCycleHost.StartAsync(azurite.ConnectionString, blobs, index: index);
        var done = await host.RunAsync(runId, Profiles.Get("compact"));
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var chain = new GovernanceChain(new BlobAuditLedger(blobs, clock, "gov-" + Guid.NewGuid().ToString("N")[..12]));
        return new Setup(host, new GovernanceService(host.Artifacts, index, chain, clock), chain, index, blobs, clock);
    }

    [Fact]
    public async Task The_run_writes_audit_jsonl_with_its_trace_id_and_a_linked_coverage_artifact_before_the_manifest_hashes_them()
    {
        var s = await StartAsync("gov-audit-1");
        await using var _ = s.Host;
        var manifest = System.Text.Json.JsonSerializer.Deserialize<RunManifest>(await s.Host.Artifacts.ReadAsync("gov-audit-1", "manifest.json"), ArtifactJson.Options)!;
        var audit = manifest.Artifacts.Single(a => a.Path == "audit.jsonl");
        var bytes = await s.Host.Artifacts.ReadAsync("gov-audit-1", "audit.jsonl");
        Assert.Equal(audit.Sha256, Tessera.Core.Determinism.Sha256Hex.Of(bytes));
        var lines = AuditTrail.Parse(bytes);
        var trace = RunTraceId.Of("gov-audit-1");
        Assert.True(RunTraceId.IsValid(trace));
        Assert.All(lines, l => Assert.Equal(trace, l.TraceId));
        Assert.Equal(Enumerable.Range(1, lines.Count), lines.Select(l => l.Seq));
        foreach (var name in new[] { "l0", "universe", "selection", "regime", "estimator", "constraints", "optimizer", AuditKinds.WalkForward, AuditKinds.Coverage })
        {
            Assert.Contains(lines, l => l.Name == name);
        }

        Assert.Equal("sample", lines.Single(l => l.Name == "estimator").Detail);
        Assert.StartsWith(manifest.ChosenOptimizer, lines.Single(l => l.Name == "optimizer").Detail, StringComparison.Ordinal);

        // The coverage link points at a schema-valid artifact that covers every held asset, in the manifest too.
        var link = lines.Single(l => l.Name == AuditKinds.Coverage).Artifact!;
        Assert.Contains(manifest.Artifacts, a => a.Path == link.Path && a.Sha256 == link.Sha256);
        var coverage = CoverageArtifact.Parse(await s.Host.Artifacts.ReadAsync("gov-audit-1", link.Path));
        var weights = System.Text.Json.JsonSerializer.Deserialize<Tessera.Orchestrations.LifeCycle.WeightsArtifact>(await s.Host.Artifacts.ReadAsync("gov-audit-1", "weights.json"), ArtifactJson.Options)!;
        Assert.Equal(weights.Weights.Where(w => w.Weight != 0 || w.LongWeight != 0 || w.ShortWeight != 0).Select(w => w.Symbol), coverage.Assets!.Select(a => a.Symbol));
        Assert.True(coverage.IsComplete);
        Assert.Equal("gov-audit-1", coverage.RunId);
        Assert.Equal("compact", coverage.Profile);

        // The run index row was written from the manifest when the run completed, and INDEX.md lists it.
        var row = await s.Index.GetAsync("gov-audit-1");
        Assert.Equal(("compact", "Completed", "sandbox", manifest.ChosenOptimizer), (row!.Profile, row.Status, row.Governance, row.ChosenOptimizer));
        var md = Encoding.UTF8.GetString((await s.Blobs.GetAsync(RunArtifactStore.Container, RunIndexRenderer.MarkdownName)).Content);
        Assert.Contains("| gov-audit-1 | compact | Completed | sandbox |", md, StringComparison.Ordinal);
        Assert.Contains("[audit](gov-audit-1/audit.jsonl)", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_evidence_cannot_be_promoted_and_the_refusal_names_the_missing_evidence_and_writes_nothing()
    {
        var s = await StartAsync("gov-noev-1");
        await using var _ = s.Host;
        Assert.True(await s.Blobs.DeleteAsync(RunArtifactStore.Container, "gov-noev-1/" + Tessera.Orchestrations.LifeCycle.LifeCycleAudit.CoveragePath));
        Assert.True(await s.Blobs.DeleteAsync(RunArtifactStore.Container, "gov-noev-1/validation/walk_forward.json"));

        var refused = await Assert.ThrowsAsync<PromotionRefusedException>(() => s.Service.PromoteAsync(PromoteRequest.Create("gov-noev-1", "canary", "first canary", "test")));
        Assert.False(refused.IsIllegalMove);
        var codes = refused.Missing.Select(m => m.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "coverage_invalid", "coverage_missing", "walkforward_invalid", "walkforward_missing" }, codes);
        Assert.Equal(4, codes.Count);
        Assert.Empty(await s.Chain.ReadAllAsync());
        Assert.Equal("sandbox", (await s.Index.GetAsync("gov-noev-1"))!.Governance);

        // A move the ladder does not allow is refused as such (HTTP 409), before any evidence matters.
        var illegal = await Assert.ThrowsAsync<PromotionRefusedException>(() => s.Service.PromoteAsync(PromoteRequest.Create("gov-noev-1", "promoted", "skip canary", "test")));
        Assert.True(illegal.IsIllegalMove);

        // A run that never completed has no manifest: not found.
        await Assert.ThrowsAsync<GovernanceRunNotFoundException>(() => s.Service.PromoteAsync(PromoteRequest.Create("gov-never-ran", "canary", "x", "test")));
    }

    [Fact]
    public async Task With_evidence_a_run_moves_up_the_ladder_after_five_clean_canary_days_and_every_transition_is_in_the_chain_and_the_index()
    {
        var s = await StartAsync("gov-ladder-1");
        await using var _ = s.Host;
        var canary = await s.Service.PromoteAsync(PromoteRequest.Create("gov-ladder-1", "canary", "coverage 100%, OOS report reviewed", "test"));
        Assert.Equal((GovernanceState.Sandbox, GovernanceState.Canary), (canary.From, canary.To));
        Assert.Equal("canary", (await s.Index.GetAsync("gov-ladder-1"))!.Governance);
        Assert.Equal("canary", await s.Index.MarkOfAsync("gov-ladder-1", CancellationToken.None));

        // Next Monday 10:00: Tuesday to Friday closed, 4 clean days of the 5 required.
        s.Clock.Now = Monday10.AddDays(7);
        var early = await Assert.ThrowsAsync<PromotionRefusedException>(() => s.Service.PromoteAsync(PromoteRequest.Create("gov-ladder-1", "promoted", "canary went well", "test")));
        Assert.Equal("canary_days", Assert.Single(early.Missing).Code);
        Assert.Contains("4 clean canary days of the 5 required", early.Missing[0].Detail, StringComparison.Ordinal);

        // Monday's session closed (16:00 New York = 21:00 UTC): the fifth day.
        s.Clock.Now = Monday10.AddDays(7).AddHours(6);
        await s.Service.PromoteAsync(PromoteRequest.Create("gov-ladder-1", "promoted", "five clean canary days", "test"));
        await s.Service.PromoteAsync(PromoteRequest.Create("gov-ladder-1", "frozen", "capstone freeze", "test"));
        await s.Service.PromoteAsync(PromoteRequest.Create("gov-ladder-1", "retired", "replaced", "test"));

        var blocks = await s.Chain.ReadAllAsync();
        Assert.Equal(
            [("sandbox", "canary", "coverage 100%, OOS report reviewed"), ("canary", "promoted", "five clean canary days"), ("promoted", "frozen", "capstone freeze"), ("frozen", "retired", "replaced")],
            blocks.Select(b => (b.Entry.Payload["from"]!.GetValue<string>(), b.Entry.Payload["to"]!.GetValue<string>(), b.Entry.Payload["reason"]!.GetValue<string>())));
        Assert.All(blocks, b => Assert.Equal(RunTraceId.Of("gov-ladder-1"), b.Entry.TraceId));
        Assert.Equal(5, blocks[1].Entry.Payload["evidence"]!["clean_canary_days"]!.GetValue<int>());
        Assert.All(await s.Chain.VerifyAsync(null), r => Assert.True(r.Result.IsValid, r.Result.Detail));

        var row = (await s.Index.GetAsync("gov-ladder-1"))!;
        Assert.Equal(("retired", "replaced"), (row.Governance, row.GovernanceReason));
        Assert.Null(await s.Index.MarkOfAsync("gov-ladder-1", CancellationToken.None));
        var md = Encoding.UTF8.GetString((await s.Blobs.GetAsync(RunArtifactStore.Container, RunIndexRenderer.MarkdownName)).Content);
        Assert.Contains("| gov-ladder-1 | compact | Completed | retired (replaced) |", md, StringComparison.Ordinal);

        // Nothing leaves retired.
        var again = await Assert.ThrowsAsync<PromotionRefusedException>(() => s.Service.PromoteAsync(PromoteRequest.Create("gov-ladder-1", "sandbox", "undo", "test")));
        Assert.True(again.IsIllegalMove);
    }

    [Fact]
    public async Task A_canary_that_hits_a_kill_switch_condition_is_demoted_with_the_action_recorded_and_its_canary_days_restart()
    {
        var s = await StartAsync("gov-kill-1");
        await using var _ = s.Host;
        await s.Service.PromoteAsync(PromoteRequest.Create("gov-kill-1", "canary", "canary start", "test"));
        var config = KillSwitchConfig.LoadFile(Path.Combine(RepositoryPaths.Root(), "config", KillSwitchConfig.FileName));
        var watch = new KillSwitchWatch(config, new FixedReadings([100_000, 101_000, 92_000]), s.Chain, s.Service);
        s.Clock.Now = Monday10.AddDays(1);
        var stamp = new AuditStamp("acct-1", new string('a', 64), "trace-kill-1");
        var outcomes = await watch.EvaluateAsync(stamp, s.Clock.Now, 92_000m);

        var fired = Assert.Single(outcomes);
        Assert.Equal(KillSwitchCondition.Drawdown, fired.Firing.Condition);
        Assert.Equal(["gov-kill-1"], fired.Demoted);
        var row = (await s.Index.GetAsync("gov-kill-1"))!;
        Assert.Equal("sandbox", row.Governance);
        Assert.Contains("kill switch drawdown", row.GovernanceReason, StringComparison.Ordinal);
        Assert.Contains("de_risk 50%, switch_to_base_profile, notify_and_record", row.GovernanceReason, StringComparison.Ordinal);

        var blocks = await s.Chain.ReadAllAsync();
        Assert.Equal([GovernanceChain.TransitionKind, GovernanceChain.KillSwitchKind, GovernanceChain.TransitionKind], blocks.Select(b => b.Entry.Kind));
        var firing = blocks[1];
        Assert.Equal(config.Pin, firing.Entry.ConfigPin);
        Assert.Equal("drawdown", firing.Entry.Payload["condition"]!.GetValue<string>());
        var demotion = blocks[2].Entry.Payload;
        Assert.Equal(("canary", "sandbox", "demotion", "kill-switch"), (demotion["from"]!.GetValue<string>(), demotion["to"]!.GetValue<string>(), demotion["direction"]!.GetValue<string>(), demotion["actor"]!.GetValue<string>()));
        Assert.Equal(firing.Hash, demotion["kill_switch"]!["block_hash"]!.GetValue<string>());
        Assert.Equal(["de_risk", "switch_to_base_profile", "notify_and_record"], demotion["kill_switch"]!["actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()));

        // The same condition the same day is not appended again (the 10 s poll would repeat it every tick).
        Assert.Empty(await watch.EvaluateAsync(stamp, s.Clock.Now.AddSeconds(10), 92_000m));

        // Back to canary on Wednesday: the clean days count from the new entry, so a week later one day is still missing.
        s.Clock.Now = Monday10.AddDays(2);
        await s.Service.PromoteAsync(PromoteRequest.Create("gov-kill-1", "canary", "root cause fixed", "test"));
        s.Clock.Now = Monday10.AddDays(8); // next Tuesday 10:00: Thu, Fri, Mon closed
        var refused = await Assert.ThrowsAsync<PromotionRefusedException>(() => s.Service.PromoteAsync(PromoteRequest.Create("gov-kill-1", "promoted", "x", "test")));
        Assert.Contains("3 clean canary days", Assert.Single(refused.Missing).Detail, StringComparison.Ordinal);
        Assert.All(await s.Chain.VerifyAsync(null), r => Assert.True(r.Result.IsValid, r.Result.Detail));
    }

    /// <summary>An equity curve given by the test (oldest first, the last value today's); data age and slippage not measured.</summary>
    private sealed class FixedReadings(double[] equity) : IKillSwitchReadings
    {
        public Task<KillSwitchReadings> ReadAsync(string accountId, DateTimeOffset now, decimal current, CancellationToken cancellationToken)
        {
            var returns = new double[equity.Length - 1];
            for (var i = 1; i < equity.Length; i++)
            {
                returns[i - 1] = (equity[i] / equity[i - 1]) - 1;
            }

            return Task.FromResult(new KillSwitchReadings(returns, equity, null, null));
        }
    }
}
