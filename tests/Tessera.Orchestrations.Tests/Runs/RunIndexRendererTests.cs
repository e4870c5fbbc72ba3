using Tessera.Orchestrations.Runs;
using Tessera.Storage.Tables;
using Xunit;

namespace Tessera.Orchestrations.Tests.Runs;

/// <summary>The run index rendering and the run trace id (pure).</summary>
public sealed class RunIndexRendererTests
{
    private static RunIndexRow Row(string id, string profile) => new()
    {
        RowKey = id,
        Profile = profile,
        Status = "Completed",
        Governance = "canary",
        GovernanceReason = "looks | good",
        StartedAt = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero),
        ChosenOptimizer = "erc",
        Regime = "calm_up",
        Assets = 12,
        OosSharpe = 1.234,
        OosMaxDrawdown = -0.1234,
        ReportPath = "report.html",
        ManifestPath = "manifest.json",
        AuditPath = "audit.jsonl",
    };

    [Fact]
    public void Markdown_lists_each_run_in_id_order_with_profile_status_governance_figures_and_links()
    {
        var md = RunIndexRenderer.Markdown([Row("zz-2", "us_long"), Row("aa-1", "compact"), new RunIndexRow { RowKey = "bb-3", Profile = "compact", Status = "Pending" }]);
        var lines = md.Split('\n');
        Assert.Equal("| run id | profile | status | governance | started (UTC) | optimizer | regime | assets | OOS Sharpe | OOS max DD | links |", lines[4]);
        Assert.Equal("| aa-1 | compact | Completed | canary (looks \\| good) | 2026-03-02 15:00:00 | erc | calm_up | 12 | 1.23 | -12.34% | [report](aa-1/report.html) [manifest](aa-1/manifest.json) [audit](aa-1/audit.jsonl) |", lines[6]);
        Assert.Equal("| bb-3 | compact | Pending | sandbox | - | - | - | - | - | - |  |", lines[7]);
        Assert.StartsWith("| zz-2 | us_long |", lines[8], StringComparison.Ordinal);
        Assert.Contains("3 run(s)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_escapes_what_it_shows()
    {
        var row = Row("aa-1", "compact");
        row.GovernanceReason = "<script>";
        var html = RunIndexRenderer.Html([row]);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("canary (&lt;script&gt;)", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"aa-1/audit.jsonl\">audit</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trace_id_is_the_w3c_form_of_the_first_16_bytes_of_sha256_of_the_run_id()
    {
        // printf 'tessera-run/base1' | sha256sum | cut -c1-32
        Assert.Equal("f505a50291cd126bce5949eee3d25c60", RunTraceId.Of("base1"));
        Assert.True(RunTraceId.IsValid(RunTraceId.Of("base1")));
        Assert.False(RunTraceId.IsValid(new string('0', 32)));
        Assert.False(RunTraceId.IsValid("F505A50291CD126BCE5949EEE3D25C60"));
        Assert.NotEqual(RunTraceId.Of("base1"), RunTraceId.Of("base2"));
    }
}
