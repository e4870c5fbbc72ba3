using Tessera.Core;
using Tessera.Core.Meta;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Runs;
using Xunit;

namespace Tessera.Orchestrations.Tests.Meta;

/// <summary>The meta report renders every required section and refuses to render without one.</summary>
public sealed class MetaReportRendererTests
{
    private static MetaReportModel Model() => new(
        "run-1",
        "m",
        new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc),
        RunTraceId.Of("run-1"),
        [new ResolvedSleeve("l", Side.Long, SleeveSource.Profile, "us_long_top15", "run-1-l", 1), new ResolvedSleeve("s", Side.Short, SleeveSource.Pinned, "old-run", "old-run", 1)],
        new CompletenessArtifact(true, false, [new CompletenessRow("l", Side.Long, "run-1-l", true, 10, "complete"), new CompletenessRow("s", Side.Short, "old-run", true, 10, "complete")], [], ["manifest.json"], ["manifest.json"]),
        new SignTestReport(DirectionalSignTest.PreOptimization, true, [new SignTestRow("s", -1, -0.9, null, null, true, "passed")], []),
        new SignTestReport(DirectionalSignTest.PostOptimization, true, [new SignTestRow("s", -1, -0.9, 0.4, -0.4, true, "passed")], []),
        null,
        new MetaOptimizationArtifact("erc", ["l", "s"], [Side.Long, Side.Short], [1, 1], [0.6, 0.4], [0.5, 0.5], 0.1, 0.6, 0.4, 0.6667, "short gross / long gross", []),
        null,
        ["audit.jsonl"],
        OutOfSampleStream.Kind);

    [Fact]
    public void Every_required_section_is_rendered_with_run_ids_sign_test_and_hedge_ratio()
    {
        var (markdown, html) = MetaReportRenderer.Render(Model());
        foreach (var section in MetaReportRenderer.RequiredSections)
        {
            Assert.Contains("\n## " + section + "\n", markdown, StringComparison.Ordinal);
            Assert.Contains("<h2>" + section + "</h2>", html, StringComparison.Ordinal);
        }

        Assert.Contains("| l | LONG | profile | us_long_top15 | run-1-l |", markdown, StringComparison.Ordinal);
        Assert.Contains("| s | SHORT | pinned run | old-run | old-run |", markdown, StringComparison.Ordinal);
        Assert.Contains("Hedge ratio 0.6667", markdown, StringComparison.Ordinal);
        Assert.Contains("Sleeve return streams: walk_forward_oos, each sleeve's walk-forward out-of-sample returns", markdown, StringComparison.Ordinal);
        Assert.Contains("trace_id " + RunTraceId.Of("run-1"), markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_section_fails_loudly_naming_it()
    {
        Assert.Equal(MetaReportRenderer.Completeness, Assert.Throws<MetaReportIncompleteException>(() => MetaReportRenderer.Render(Model() with { Completeness = null })).Section);
        Assert.Equal(MetaReportRenderer.SignTest, Assert.Throws<MetaReportIncompleteException>(() => MetaReportRenderer.Render(Model() with { SignTestPre = null })).Section);
        Assert.Equal(MetaReportRenderer.HedgeRatio, Assert.Throws<MetaReportIncompleteException>(() => MetaReportRenderer.Render(Model() with { Optimization = null })).Section);
        Assert.Equal(MetaReportRenderer.ResolvedSleeves, Assert.Throws<MetaReportIncompleteException>(() => MetaReportRenderer.Render(Model() with { Sleeves = [] })).Section);
        Assert.Equal(MetaReportRenderer.Trace, Assert.Throws<MetaReportIncompleteException>(() => MetaReportRenderer.Render(Model() with { TraceId = "" })).Section);
        Assert.Equal(MetaReportRenderer.ResolvedSleeves, Assert.Throws<MetaReportIncompleteException>(() => MetaReportRenderer.Render(Model() with { SleeveStream = null })).Section);
    }

    [Fact]
    public void The_trace_id_is_the_run_s_derived_w3c_trace_id_and_every_audit_line_carries_it()
    {
        // The meta writes audit.jsonl through the life cycle's AuditTrail, with the trace id the run's spans carry:
        // the first 16 bytes of SHA-256("tessera-run/" + run id), computed here independently.
        var trace = RunTraceId.Of("run-1");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("tessera-run/run-1")))[..32], trace);
        Assert.NotEqual(trace, RunTraceId.Of("run-2"));
        var trail = AuditTrail.Of("run-1", [new AuditRecord("completeness", AuditKinds.Gate, "sleeve_completeness", AuditKinds.Passed, "2 sleeves")])
            .Add(new AuditRecord("meta", AuditKinds.Gate, "meta_run", AuditKinds.Failed, "x \"quoted\""));
        Assert.Equal(trace, trail.TraceId);
        var lines = System.Text.Encoding.UTF8.GetString(trail.ToJsonLines()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"{{\"trace_id\":\"{trace}\",\"run_id\":\"run-1\",\"seq\":1,\"step\":\"completeness\",\"kind\":\"gate\",\"name\":\"sleeve_completeness\",\"outcome\":\"passed\",\"detail\":\"2 sleeves\"}}", lines[0]);
        Assert.Equal("x \"quoted\"", System.Text.Json.JsonDocument.Parse(lines[1]).RootElement.GetProperty("detail").GetString());
        Assert.Equal(["completeness", "meta"], AuditTrail.Parse(trail.ToJsonLines()).Select(l => l.Step));
    }
}
