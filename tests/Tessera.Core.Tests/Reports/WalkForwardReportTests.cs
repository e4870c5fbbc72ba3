using System.Text.Json;
using Tessera.Core.Reports;
using Tessera.Core.Validation;
using Xunit;

namespace Tessera.Core.Tests.Reports;

public sealed class WalkForwardReportTests
{
    private static WalkForwardResult Result()
    {
        long d = 1_577_836_800_000; // 2020-01-01
        var rows = new List<WalkForwardRow>
        {
            new(0, d, d + 86_400_000, d + (2 * 86_400_000), d + (3 * 86_400_000), "p=1", 1.5, 0.8, 0.02, 0.03, 4, 102_000),
            new(1, d, d + 86_400_000, d + (4 * 86_400_000), d + (5 * 86_400_000), "p=2", 1.1, -0.4, -0.01, 0.05, 3, 99_000),
        };
        return new WalkForwardResult("rsi, \"2\"", rows, WalkForwardStability.From(rows), [0.01, -0.005, 0.002]);
    }

    [Fact]
    public void Csv_has_one_row_per_split()
    {
        var lines = WalkForwardReport.Csv(Result()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("\"rsi, \"\"2\"\"\",0,2020-01-01T00:00:00Z,2020-01-02T00:00:00Z,2020-01-03T00:00:00Z", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",p=2,1.1,-0.4,-0.01,0.05,3,99000", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_and_html_carry_the_stability_statistics()
    {
        using var doc = JsonDocument.Parse(WalkForwardReport.Json([Result()]));
        var s = doc.RootElement[0].GetProperty("stability");
        Assert.Equal(2, s.GetProperty("splits").GetInt32());
        Assert.Equal(0.2, s.GetProperty("mean_sharpe").GetDouble(), 12);
        Assert.Equal(0.2, s.GetProperty("median_sharpe").GetDouble(), 12);
        Assert.Equal(0.05, s.GetProperty("worst_drawdown").GetDouble(), 12);
        Assert.Equal(0.5, s.GetProperty("profitable_share").GetDouble(), 12);
        Assert.Equal(2, doc.RootElement[0].GetProperty("splits").GetArrayLength());

        var html = WalkForwardReport.Html([Result()], "WF <test>");
        Assert.Contains("WF &lt;test&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<td>p=1</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>p=2</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }
}
