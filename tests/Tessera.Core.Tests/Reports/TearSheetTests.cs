using System.Text.Json;
using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Metrics;
using Tessera.Core.Reports;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Reports;

public sealed class TearSheetTests
{
    private static TearSheetInput Input()
    {
        var data = new MarketData([RandomWalk("A", 130, 1), RandomWalk("B", 130, 2)]);
        var r = EventBacktestEngine.Run(data, RandomSignals(data, 9, 0.1), new BacktestOptions { Sizer = new FixedFractionSizer(0.4), Costs = new CostModel(2, 1) });
        return new TearSheetInput("Test <run> & co", "random", [new("seed", "9"), new("note", "<script>alert(1)</script>")], r, MetricsSummary.From(r))
        {
            Validation = [new("dsr", "0.91")],
        };
    }

    [Fact]
    public void Tear_sheet_is_self_contained_with_every_chart_and_metric()
    {
        var input = Input();
        var html = TearSheet.Render(input);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Test &lt;run&gt; &amp; co", html, StringComparison.Ordinal);
        foreach (var caption in new[] { "Equity: cumulative return, " + input.Result.Trades.Count + " trades marked (entry up, exit down)", "Drawdown", "Monthly returns", "Rolling Sharpe (63 bars)", "Trade return distribution" })
        {
            Assert.Contains("<figcaption>" + caption + "</figcaption>", html, StringComparison.Ordinal);
        }

        Assert.Equal(5, CountOf(html, "<svg "));
        foreach (var (name, _) in input.Metrics.AsPairs())
        {
            Assert.Contains("<td>" + name + "</td>", html, StringComparison.Ordinal);
        }

        // One heatmap cell per calendar month of the run (130 daily bars from 2020-01-01 -> Jan..May 2020).
        Assert.Equal(5, CountOf(html, "class=\"month\""));
        Assert.Contains(input.Result.OrderListHash(), html, StringComparison.Ordinal);
        Assert.Contains("<td>dsr</td><td>0.91</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_inline_svg_is_well_formed_xml()
    {
        var html = TearSheet.Render(Input());
        var count = 0;
        for (var i = html.IndexOf("<svg ", StringComparison.Ordinal); i >= 0; i = html.IndexOf("<svg ", i + 1, StringComparison.Ordinal))
        {
            var end = html.IndexOf("</svg>", i, StringComparison.Ordinal) + "</svg>".Length;
            var svg = System.Xml.Linq.XDocument.Parse(html[i..end]);
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.NotEmpty(svg.Root.Elements());
            count++;
        }

        Assert.Equal(5, count);
    }

    [Fact]
    public void Summary_json_carries_parameters_and_metrics()
    {
        var input = Input();
        using var doc = JsonDocument.Parse(BacktestArtifacts.SummaryJson(input));
        var root = doc.RootElement;
        Assert.Equal("random", root.GetProperty("strategy").GetString());
        Assert.Equal("9", root.GetProperty("parameters").GetProperty("seed").GetString());
        Assert.Equal(input.Metrics.Sharpe, root.GetProperty("metrics").GetProperty("sharpe").GetDouble(), 12);
        Assert.Equal(input.Metrics.TradeCount, root.GetProperty("metrics").GetProperty("trade_count").GetInt32());
        Assert.Equal(input.Result.OrderListHash(), root.GetProperty("order_list_sha256").GetString());

        // Non-finite values (a profit factor without losses) become null, keeping the JSON valid.
        var noLoss = input with { Metrics = input.Metrics with { ProfitFactor = double.PositiveInfinity } };
        using var doc2 = JsonDocument.Parse(BacktestArtifacts.SummaryJson(noLoss));
        Assert.Equal(JsonValueKind.Null, doc2.RootElement.GetProperty("metrics").GetProperty("profit_factor").ValueKind);
    }

    [Fact]
    public void Trades_and_equity_csv_have_one_row_per_trade_and_bar()
    {
        var input = Input();
        var trades = BacktestArtifacts.TradesCsv(input.Result.Trades).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(input.Result.Trades.Count + 1, trades.Length);
        Assert.All(trades, l => Assert.Equal(13, l.Split(',').Length));
        var first = input.Result.Trades[0];
        Assert.StartsWith(first.Symbol + "," + (first.Direction == Side.Long ? "long" : "short") + ",", trades[1], StringComparison.Ordinal);
        Assert.Contains("," + first.NetPnl.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ",", trades[1], StringComparison.Ordinal);

        var equity = BacktestArtifacts.EquityCsv(input.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(131, equity.Length);
        Assert.Equal("time,equity,cash,gross_exposure,drawdown", equity[0]);
        Assert.StartsWith("2020-01-01T00:00:00Z,", equity[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_fields_with_commas_or_quotes_are_quoted()
    {
        var t = new Trade("A", Side.Long, 0, 0, 0, 1, 1, 1, 2, 0, 1, "exit:\"odd\",reason");
        var line = BacktestArtifacts.TradesCsv([t]).Split('\n')[1];
        Assert.EndsWith(",\"exit:\"\"odd\"\",reason\"", line, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
