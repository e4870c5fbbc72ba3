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
}

/// <summary>
/// Self-contained HTML tear sheet: one file, inline CSS and SVG, no scripts or external resources.
/// Sections: parameters, all metrics, equity curve, drawdown, monthly-returns heatmap, rolling Sharpe,
/// trade-return distribution, optional validation figures. Pure string building; hosts write the file.
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

        sb.Append("<h2>Charts</h2>");
        sb.Append(SvgCharts.Line("Equity", curve, "#2c6fbb"));
        sb.Append(SvgCharts.Line("Drawdown", dd, "#c0392b", fill: true));
        sb.Append(SvgCharts.MonthlyHeatmap("Monthly returns", RollingStatistics.Monthly(r.Timestamps, r.Equity, r.InitialCash)));
        sb.Append(SvgCharts.Line($"Rolling Sharpe ({input.RollingWindow} bars)", RollingStatistics.RollingSharpe(returns, input.RollingWindow), "#8e44ad"));
        sb.Append(SvgCharts.Histogram("Trade return distribution", tradeReturns, 40, "#27ae60"));
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

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
