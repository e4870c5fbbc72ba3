using System.Globalization;
using System.Text;
using Tessera.Core.Backtest;
using Tessera.Core.Data;
using Tessera.Core.Metrics;

namespace Tessera.Core.Reports;

/// <summary>What a tear sheet shows. <see cref="Validation"/> holds extra labelled figures (e.g. PSR, DSR, PBO, walk-forward stability).</summary>
public sealed record TearSheetInput(
    string Title,
    string Strategy,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    BacktestResult Result,
    MetricsSummary Metrics)
{
    public int RollingWindow { get; init; } = 63;

    public IReadOnlyList<KeyValuePair<string, string>> Validation { get; init; } = [];

    /// <summary>
    /// The market data the backtest ran on. With it the sheet draws the benchmark line (SPY or the universe's equal
    /// weight, <see cref="BenchmarkCurve"/>) and the per-symbol contribution table; without it (a weights backtest) both are left out.
    /// </summary>
    public MarketData? Market { get; init; }

    /// <summary>At most this many trades get entry/exit markers on the equity chart (the largest by |net P&amp;L| when there are more).</summary>
    public int MaxTradeMarkers { get; init; } = 300;
}

/// <summary>
/// Self-contained HTML tear sheet: one file, inline CSS and SVG, no scripts or external resources.
/// Sections: parameters, all metrics, optional validation figures, strategy vs benchmark (total return, max
/// drawdown), cumulative return vs the benchmark line with trade markers, drawdown, monthly-returns heatmap,
/// rolling Sharpe, trade-return distribution, contribution by symbol. Time axes are dates, return axes percentages.
/// Pure string building; hosts write the file.
/// </summary>
public static class TearSheet
{
    public static string Render(TearSheetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var r = input.Result;
        var curve = new double[r.Equity.Length + 1];
        curve[0] = r.InitialCash;
        Array.Copy(r.Equity, 0, curve, 1, r.Equity.Length);
        var dd = Drawdown.Series(curve);
        for (var i = 0; i < dd.Length; i++)
        {
            dd[i] = -dd[i];
        }

        var returns = r.Returns();
        var tradeReturns = r.Trades.Select(t => t.NetPnl / (t.EntryPrice * t.Quantity)).ToArray();
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Html.Escape(input.Title)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}")
            .Append("td,th{border:1px solid #ddd;padding:3px 10px;text-align:left;font-size:13px}th{background:#f0f0f0}")
            .Append("figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}</style></head><body>");
        sb.Append("<h1>").Append(Html.Escape(input.Title)).Append("</h1>");
        sb.Append("<p>Strategy <b>").Append(Html.Escape(input.Strategy)).Append("</b>, ")
            .Append(Date(r.Timestamps.Length > 0 ? r.Timestamps[0] : 0)).Append(" to ").Append(Date(r.Timestamps.Length > 0 ? r.Timestamps[^1] : 0))
            .Append(", ").Append(r.Symbols.Count).Append(" symbols, initial cash ").Append(Html.Num(r.InitialCash, "0.##"))
            .Append(". Order list SHA-256 <code>").Append(r.OrderListHash()).Append("</code></p>");

        sb.Append("<h2>Parameters</h2>").Append(Table("parameters", input.Parameters.Select(p => (p.Key, p.Value))));
        sb.Append("<h2>Metrics</h2>").Append(Table("metrics", input.Metrics.AsPairs().Select(p => (p.Key, Html.Num(p.Value, "0.######")))));
        if (input.Validation.Count > 0)
        {
            sb.Append("<h2>Validation</h2>").Append(Table("validation", input.Validation.Select(p => (p.Key, p.Value))));
        }

        var labels = r.Timestamps.Select(Date).ToArray();
        var benchmark = input.Market is null ? null : BenchmarkCurve.For(input.Market, r);
        var contributions = input.Market is null ? null : SymbolContribution.Compute(input.Market, r);
        if (benchmark is not null)
        {
            sb.Append("<h2>Strategy vs benchmark</h2>").Append(Versus(r, benchmark));
        }

        sb.Append("<h2>Charts</h2>");
        sb.Append(EquityChart(input, labels, benchmark));
        var drawdown = new double[r.Equity.Length];
        Array.Copy(dd, 1, drawdown, 0, drawdown.Length);
        sb.Append(AxisChart.Figure(new AxisChartSpec("Drawdown", labels, [new ChartSeries("drawdown from peak", drawdown, "#c0392b")])
        {
            YFormat = AxisChart.Percent,
            YAxisTitle = "drawdown",
            IncludeZero = true,
        }));
        sb.Append(SvgCharts.MonthlyHeatmap("Monthly returns", RollingStatistics.Monthly(r.Timestamps, r.Equity, r.InitialCash)));
        var rolling = RollingStatistics.RollingSharpe(returns, input.RollingWindow);
        sb.Append(AxisChart.Figure(new AxisChartSpec($"Rolling Sharpe ({input.RollingWindow} bars)", labels, [new ChartSeries("rolling Sharpe (annualised)", rolling, "#8e44ad")])
        {
            YAxisTitle = "Sharpe",
            IncludeZero = true,
        }));
        sb.Append(SvgCharts.Histogram("Trade return distribution", tradeReturns, 40, "#27ae60"));
        if (contributions is not null)
        {
            sb.Append("<h2>Contribution by symbol</h2>").Append(ContributionTable(contributions, r.FinalEquity - r.InitialCash));
        }

        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// Cumulative return of the strategy (equity / initial cash - 1) and of the benchmark, on date and percent axes,
    /// with an up-triangle at each trade's entry bar and a down-triangle at its exit bar (on the strategy line).
    /// </summary>
    private static string EquityChart(TearSheetInput input, string[] labels, BenchmarkCurve? benchmark)
    {
        var r = input.Result;
        var cumulative = new double[r.Equity.Length];
        for (var t = 0; t < cumulative.Length; t++)
        {
            cumulative[t] = (r.Equity[t] / r.InitialCash) - 1.0;
        }

        List<ChartSeries> series = [new("strategy", cumulative, "#2c6fbb")];
        if (benchmark is not null)
        {
            series.Add(new ChartSeries("benchmark: " + benchmark.Name, benchmark.CumulativeReturn, "#7f8c8d") { Dashed = true });
        }

        var marked = r.Trades.Count <= input.MaxTradeMarkers
            ? r.Trades
            : r.Trades.OrderByDescending(t => Math.Abs(t.NetPnl)).ThenBy(t => t.EntryTimeUtcMs).Take(input.MaxTradeMarkers).ToList();
        var markers = new List<ChartMarker>(2 * marked.Count);
        foreach (var t in marked)
        {
            var entry = BarOf(r.Timestamps, t.EntryTimeUtcMs);
            var exit = BarOf(r.Timestamps, t.ExitTimeUtcMs);
            var side = t.Direction == Side.Short ? "short" : "long";
            markers.Add(new ChartMarker(entry, cumulative[entry], ChartMarkerKind.Up, $"entry {side} {t.Symbol} {Date(t.EntryTimeUtcMs)} @ {Html.Num(t.EntryPrice, "0.####")}"));
            markers.Add(new ChartMarker(exit, cumulative[exit], ChartMarkerKind.Down, $"exit {t.Symbol} {Date(t.ExitTimeUtcMs)} @ {Html.Num(t.ExitPrice, "0.####")}, net P&L {Html.Num(t.NetPnl, "0.##")} ({t.ExitReason})"));
        }

        var title = "Equity: cumulative return" + (benchmark is null ? string.Empty : " vs benchmark") + (r.Trades.Count == 0
            ? string.Empty
            : marked.Count == r.Trades.Count ? $", {r.Trades.Count} trades marked (entry up, exit down)" : $", the {marked.Count} largest of {r.Trades.Count} trades marked (entry up, exit down)");
        return AxisChart.Figure(new AxisChartSpec(title, labels, series)
        {
            YFormat = AxisChart.Percent,
            YAxisTitle = "cumulative return",
            IncludeZero = true,
            Markers = markers,
        });
    }

    /// <summary>The simulated bar at a fill time (fills happen on bar times; an off-calendar time maps to the bar before it).</summary>
    private static int BarOf(long[] timestamps, long time)
    {
        var i = Array.BinarySearch(timestamps, time);
        return i >= 0 ? i : Math.Clamp(~i - 1, 0, timestamps.Length - 1);
    }

    private static string Versus(BacktestResult r, BenchmarkCurve benchmark)
    {
        var strategyCurve = new double[r.Equity.Length + 1];
        strategyCurve[0] = r.InitialCash;
        Array.Copy(r.Equity, 0, strategyCurve, 1, r.Equity.Length);
        var benchCurve = new double[benchmark.CumulativeReturn.Length];
        var m = 0;
        foreach (var c in benchmark.CumulativeReturn)
        {
            if (!double.IsNaN(c))
            {
                benchCurve[m++] = 1.0 + c;
            }
        }

        var benchTotal = m == 0 ? double.NaN : benchCurve[m - 1] - 1.0;
        var benchDd = m == 0 ? double.NaN : Drawdown.Analyze(benchCurve.AsSpan(0, m)).MaxDrawdown;
        var sb = new StringBuilder("<table id=\"versus\"><tr><th></th><th>total return</th><th>max drawdown</th></tr>");
        sb.Append("<tr><td>strategy</td><td>").Append(Pct((r.FinalEquity / r.InitialCash) - 1.0)).Append("</td><td>").Append(Pct(Drawdown.Analyze(strategyCurve).MaxDrawdown)).Append("</td></tr>");
        sb.Append("<tr><td>benchmark: ").Append(Html.Escape(benchmark.Name)).Append("</td><td>").Append(Pct(benchTotal)).Append("</td><td>").Append(Pct(benchDd)).Append("</td></tr>");
        return sb.Append("</table>").ToString();
    }

    private static string ContributionTable(IReadOnlyList<SymbolContribution> rows, double totalPnl)
    {
        var sb = new StringBuilder("<table id=\"contributions\"><tr><th>symbol</th><th>closed trades</th><th>win rate</th><th>realized P&amp;L</th><th>open P&amp;L</th><th>total P&amp;L</th><th>share of total</th></tr>");
        foreach (var c in rows)
        {
            sb.Append("<tr><td>").Append(Html.Escape(c.Symbol)).Append("</td><td>").Append(c.ClosedTrades).Append("</td><td>")
                .Append(c.ClosedTrades == 0 ? "n/a" : Pct((double)c.Winners / c.ClosedTrades)).Append("</td><td>").Append(Html.Num(c.Realized, "0.00")).Append("</td><td>")
                .Append(Html.Num(c.Open, "0.00")).Append("</td><td>").Append(Html.Num(c.Total, "0.00")).Append("</td><td>")
                .Append(totalPnl == 0 ? "n/a" : Pct(c.Total / totalPnl)).Append("</td></tr>");
        }

        sb.Append("<tr class=\"total\"><td>total (final equity - initial cash)</td><td>").Append(rows.Sum(c => c.ClosedTrades)).Append("</td><td></td><td>")
            .Append(Html.Num(rows.Sum(c => c.Realized), "0.00")).Append("</td><td>").Append(Html.Num(rows.Sum(c => c.Open), "0.00")).Append("</td><td>")
            .Append(Html.Num(totalPnl, "0.00")).Append("</td><td>").Append(totalPnl == 0 ? "n/a" : "100%").Append("</td></tr>");
        return sb.Append("</table>").ToString();
    }

    private static string Pct(double v) => double.IsNaN(v) ? "n/a" : (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Date(long ms) => BarSeries.ToUtc(ms).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Table(string id, IEnumerable<(string Key, string Value)> rows)
    {
        var sb = new StringBuilder();
        sb.Append("<table id=\"").Append(id).Append("\"><tr><th>name</th><th>value</th></tr>");
        foreach (var (k, v) in rows)
        {
            sb.Append("<tr><td>").Append(Html.Escape(k)).Append("</td><td>").Append(Html.Escape(v)).Append("</td></tr>");
        }

        return sb.Append("</table>").ToString();
    }
}
