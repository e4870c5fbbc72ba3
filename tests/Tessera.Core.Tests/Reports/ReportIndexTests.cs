using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Metrics;
using Tessera.Core.Reports;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Reports;

/// <summary>Indian-equities blueprint (seed 001), "Reports Index -> reports/index.html": tear sheets linked with their headline figures.</summary>
public sealed class ReportIndexTests
{
    private static TearSheetInput Input()
    {
        var data = new MarketData([RandomWalk("A", 130, 1), RandomWalk("B", 130, 2)]);
        var r = EventBacktestEngine.Run(data, RandomSignals(data, 9, 0.1), new BacktestOptions { Sizer = new FixedFractionSizer(0.4) });
        return new TearSheetInput("ibs <backtest>", "ibs", [], r, MetricsSummary.From(r)) { Market = data };
    }

    [Fact]
    public void The_backtest_bundle_has_an_index_linking_the_tear_sheet_with_its_headline()
    {
        var input = Input();
        var files = BacktestReportBundle.Build(input).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var index = files["index.html"];
        Assert.Contains("<a href=\"tearsheet.html\">ibs &lt;backtest&gt;</a>", index, StringComparison.Ordinal);
        var m = input.Metrics;
        Assert.Contains("total return " + (m.TotalReturn * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%", index, StringComparison.Ordinal);
        Assert.Contains("trades " + m.TradeCount.ToString(System.Globalization.CultureInfo.InvariantCulture), index, StringComparison.Ordinal);
        foreach (var linked in new[] { "summary.json", "trades.csv", "equity.csv" })
        {
            Assert.Contains("href=\"" + linked + "\"", index, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Entries_are_read_from_file_names_and_the_summary_beside_a_tear_sheet()
    {
        var input = Input();
        var entry = ReportIndex.Entry("runs/a/tearsheet.html", BacktestArtifacts.SummaryJson(input))!;
        Assert.Equal("tear sheet", entry.Kind);
        Assert.Equal("runs/a: ibs <backtest>", entry.Title);
        Assert.Equal(ReportIndex.Headline(input.Metrics.TotalReturn, input.Metrics.Sharpe, input.Metrics.MaxDrawdown, input.Metrics.TradeCount), entry.Headline);

        Assert.Equal("unreadable", ReportIndex.Entry("a/tearsheet.html", "{not json")!.Headline.Single().Value);
        Assert.Empty(ReportIndex.Entry("a/tearsheet.html", null)!.Headline);
        Assert.Equal("walk-forward", ReportIndex.Entry("wf/walkforward.html", null)!.Kind);
        Assert.Equal("run index", ReportIndex.Entry("wf/index.html", null)!.Kind);
        Assert.Null(ReportIndex.Entry("index.html", null)); // the folder's own index does not link itself
        Assert.Null(ReportIndex.Entry("a/trades.csv", null));

        var ordered = ReportIndex.Ordered([ReportIndex.Entry("z/walkforward.html", null)!, ReportIndex.Entry("b/tearsheet.html", null)!, ReportIndex.Entry("a/tearsheet.html", null)!]);
        Assert.Equal(["a/tearsheet.html", "b/tearsheet.html", "z/walkforward.html"], ordered.Select(e => e.Href));
    }

    [Fact]
    public void Hrefs_and_titles_are_escaped()
    {
        var html = ReportIndex.Html("t", [new("a\"b/tearsheet.html", "tear sheet", "<x>", [new("k", "<v>")])]);
        Assert.Contains("href=\"a&quot;b/tearsheet.html\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;x&gt;", html, StringComparison.Ordinal);
        Assert.Contains("k &lt;v&gt;", html, StringComparison.Ordinal);
    }
}
