using System.Globalization;
using System.Xml.Linq;
using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Metrics;
using Tessera.Core.Reports;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Reports;

/// <summary>
/// Indian-equities blueprint (seed 001) dashboards, "plot_tearsheet_v2": a tear sheet read at a glance: benchmark
/// line (SPY, else the universe's equal weight), date and percent axes, trade markers, per-symbol contribution.
/// Structure, not pixels.
/// </summary>
public sealed class TearSheetGlanceTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static (TearSheetInput Input, MarketData Data) Input(params Tessera.Core.Data.BarSeries[] series)
    {
        var data = new MarketData(series);
        var r = EventBacktestEngine.Run(data, RandomSignals(data, 9, 0.1), new BacktestOptions { Sizer = new FixedFractionSizer(0.4), Costs = new CostModel(2, 1) });
        return (new TearSheetInput("glance", "random", [], r, MetricsSummary.From(r)) { Market = data }, data);
    }

    private static List<XElement> Svgs(string html)
    {
        var list = new List<XElement>();
        for (var i = html.IndexOf("<svg ", StringComparison.Ordinal); i >= 0; i = html.IndexOf("<svg ", i + 1, StringComparison.Ordinal))
        {
            var end = html.IndexOf("</svg>", i, StringComparison.Ordinal) + "</svg>".Length;
            list.Add(XDocument.Parse(html[i..end]).Root!);
        }

        return list;
    }

    private static List<string> Ticks(XElement svg, string cls) =>
        svg.Descendants(Svg + "text").Where(e => (string?)e.Attribute("class") == cls).Select(e => e.Value).ToList();

    [Fact]
    public void The_equity_chart_has_the_equal_weight_benchmark_date_and_percent_axes_and_a_marker_per_entry_and_exit()
    {
        var (input, _) = Input(RandomWalk("A", 130, 1), RandomWalk("B", 130, 2));
        var html = TearSheet.Render(input);
        var equity = Svgs(html)[0];
        var series = equity.Descendants(Svg + "polyline").Select(p => (string?)p.Attribute("data-series")).Distinct().ToList();
        Assert.Equal(["strategy", "benchmark: equal weight of 2 symbols (daily rebalanced)"], series);

        var x = Ticks(equity, "x-tick");
        Assert.Equal(6, x.Count);
        Assert.Equal("2020-01-01", x[0]);
        Assert.Equal("2020-05-09", x[^1]); // bar 129
        Assert.All(x, d => DateTime.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var y = Ticks(equity, "y-tick");
        Assert.True(y.Count >= 3);
        Assert.All(y, v => Assert.EndsWith("%", v, StringComparison.Ordinal));
        Assert.Contains("0%", y);

        var trades = input.Result.Trades.Count;
        Assert.True(trades > 0);
        Assert.Equal(trades, equity.Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "marker up"));
        Assert.Equal(trades, equity.Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "marker down"));

        // The drawdown chart is on the same date axis with percentages; the strategy-vs-benchmark table is there.
        var drawdown = Svgs(html)[1];
        Assert.Equal(x, Ticks(drawdown, "x-tick"));
        Assert.All(Ticks(drawdown, "y-tick"), v => Assert.EndsWith("%", v, StringComparison.Ordinal));
        Assert.Contains("<table id=\"versus\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void More_trades_than_the_cap_mark_only_the_largest_and_say_so()
    {
        var (input, _) = Input(RandomWalk("A", 130, 1), RandomWalk("B", 130, 2));
        var capped = input with { MaxTradeMarkers = 3 };
        var html = TearSheet.Render(capped);
        Assert.Contains($"the 3 largest of {input.Result.Trades.Count} trades marked", html, StringComparison.Ordinal);
        Assert.Equal(3, Svgs(html)[0].Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "marker up"));
    }

    [Fact]
    public void Equal_weight_benchmark_is_the_daily_rebalanced_mean_return_by_hand()
    {
        // A: 100 -> 110 -> 110, B: 50 -> 50 -> 55. Day 1: (10% + 0%) / 2 = 5%; day 2: (0% + 10%) / 2 = 5%: 1.05^2 - 1 = 10.25%.
        var data = new MarketData([Series("A", (100, 100, 100, 100), (110, 110, 110, 110), (110, 110, 110, 110)), Series("B", (50, 50, 50, 50), (50, 50, 50, 50), (55, 55, 55, 55))]);
        var r = EventBacktestEngine.Run(data, [], new BacktestOptions());
        var b = BenchmarkCurve.For(data, r);
        Assert.Equal("equal weight of 2 symbols (daily rebalanced)", b.Name);
        Assert.Equal(0, b.CumulativeReturn[0]);
        Assert.Equal(0.05, b.CumulativeReturn[1], 12);
        Assert.Equal(0.1025, b.CumulativeReturn[2], 12);
    }

    [Fact]
    public void Spy_in_the_data_is_the_benchmark_buy_and_hold_carrying_its_last_close()
    {
        // SPY 100, 110, (no bar), 99: 0, +10%, +10% (carried), -1%.
        var spy = new Tessera.Core.Data.BarSeries("NYSEARCA:SPY", [Ts(0), Ts(1), Ts(3)], [100, 110, 99], [100, 110, 99], [100, 110, 99], [100, 110, 99], [1, 1, 1]);
        var data = new MarketData([Flat("A", 4, 10), spy]);
        var r = EventBacktestEngine.Run(data, [], new BacktestOptions());
        var b = BenchmarkCurve.For(data, r);
        Assert.Equal("NYSEARCA:SPY buy-and-hold", b.Name);
        Assert.Equal([0, 0.1, 0.1, -0.01], b.CumulativeReturn.Select(v => Math.Round(v, 12)).ToArray());

        var html = TearSheet.Render(new TearSheetInput("spy", "none", [], r, MetricsSummary.From(r)) { Market = data });
        Assert.Contains("data-series=\"benchmark: NYSEARCA:SPY buy-and-hold\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Contributions_sum_to_total_pnl_within_1e_9()
    {
        var (input, data) = Input(RandomWalk("A", 400, 1), RandomWalk("B", 400, 2), RandomWalk("C", 400, 3, missingEvery: 7));
        var rows = SymbolContribution.Compute(data, input.Result);
        Assert.Equal(3, rows.Count);
        Assert.True(input.Result.Trades.Count > 20);
        Assert.Equal(input.Result.FinalEquity - input.Result.InitialCash, rows.Sum(c => c.Total), 1e-9);
        Assert.Equal(input.Result.Trades.Sum(t => t.NetPnl), rows.Sum(c => c.Realized), 1e-9);
        Assert.Equal(input.Result.Trades.Count, rows.Sum(c => c.ClosedTrades));
        foreach (var c in rows)
        {
            Assert.Equal(c.Total, c.Realized + c.Open, 1e-9);
        }

        // Largest contribution first; the table lists each symbol and the total row.
        Assert.True(rows[0].Total >= rows[1].Total && rows[1].Total >= rows[2].Total);
        var html = TearSheet.Render(input);
        Assert.Contains("<table id=\"contributions\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"total\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_position_contributes_its_mark_to_market_by_hand()
    {
        // Long A at bar 0's close signal, filled at bar 1's open 100 (no costs); never closed; last close 104.
        var a = Series("A", (100, 100, 100, 100), (100, 101, 99, 101), (101, 103, 100, 102), (102, 105, 101, 104));
        var data = new MarketData([a]);
        var r = EventBacktestEngine.Run(data, [Long("A", 0)], new BacktestOptions { InitialCash = 10_000, Sizer = new FixedFractionSizer(0.5), Costs = new CostModel(0, 0) });
        var fill = Assert.Single(r.Fills);
        Assert.Equal(100, fill.Price);
        var c = Assert.Single(SymbolContribution.Compute(data, r));
        Assert.Equal(0, c.ClosedTrades);
        Assert.Equal(0, c.Realized);
        Assert.Equal(fill.Quantity * (104 - 100), c.Total, 9);
        Assert.Equal(c.Total, c.Open, 9);
        Assert.Equal(r.FinalEquity - r.InitialCash, c.Total, 9);
    }

    [Fact]
    public void Without_market_data_there_is_no_benchmark_and_no_contribution_table()
    {
        var (input, _) = Input(RandomWalk("A", 130, 1), RandomWalk("B", 130, 2));
        var html = TearSheet.Render(input with { Market = null });
        Assert.DoesNotContain("benchmark", html, StringComparison.Ordinal);
        Assert.DoesNotContain("contributions", html, StringComparison.Ordinal);
    }
}
