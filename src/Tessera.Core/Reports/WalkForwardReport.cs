using System.Text;
using System.Text.Json;
using Tessera.Core.Validation;

namespace Tessera.Core.Reports;

/// <summary>Walk-forward report content: one row per split plus stability statistics, as HTML, CSV and JSON.</summary>
public static class WalkForwardReport
{
    public static string Csv(WalkForwardResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append("strategy,split,train_start,train_end,test_start,test_end,chosen,train_sharpe,test_sharpe,test_return,test_max_drawdown,test_trades,test_final_equity\n");
        foreach (var r in result.Rows)
        {
            sb.Append(BacktestArtifacts.Csv(result.Strategy)).Append(',').Append(r.Split).Append(',')
                .Append(BacktestArtifacts.Iso(r.TrainStartUtcMs)).Append(',').Append(BacktestArtifacts.Iso(r.TrainEndUtcMs)).Append(',')
                .Append(BacktestArtifacts.Iso(r.TestStartUtcMs)).Append(',').Append(BacktestArtifacts.Iso(r.TestEndUtcMs)).Append(',')
                .Append(BacktestArtifacts.Csv(r.Chosen)).Append(',').Append(BacktestArtifacts.R(r.TrainSharpe)).Append(',')
                .Append(BacktestArtifacts.R(r.TestSharpe)).Append(',').Append(BacktestArtifacts.R(r.TestReturn)).Append(',')
                .Append(BacktestArtifacts.R(r.TestMaxDrawdown)).Append(',').Append(r.TestTrades).Append(',')
                .Append(BacktestArtifacts.R(r.TestFinalEquity)).Append('\n');
        }

        return sb.ToString();
    }

    public static string Json(IReadOnlyList<WalkForwardResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder }))
        {
            w.WriteStartArray();
            foreach (var res in results)
            {
                w.WriteStartObject();
                w.WriteString("strategy", res.Strategy);
                var s = res.Stability;
                w.WriteStartObject("stability");
                w.WriteNumber("splits", s.Splits);
                BacktestArtifacts.Number(w, "mean_sharpe", s.MeanSharpe);
                BacktestArtifacts.Number(w, "median_sharpe", s.MedianSharpe);
                BacktestArtifacts.Number(w, "sd_sharpe", s.SdSharpe);
                BacktestArtifacts.Number(w, "worst_drawdown", s.WorstDrawdown);
                BacktestArtifacts.Number(w, "profitable_share", s.ProfitableShare);
                w.WriteEndObject();
                w.WriteStartArray("splits");
                foreach (var r in res.Rows)
                {
                    w.WriteStartObject();
                    w.WriteNumber("split", r.Split);
                    w.WriteString("train_start", BacktestArtifacts.Iso(r.TrainStartUtcMs));
                    w.WriteString("train_end", BacktestArtifacts.Iso(r.TrainEndUtcMs));
                    w.WriteString("test_start", BacktestArtifacts.Iso(r.TestStartUtcMs));
                    w.WriteString("test_end", BacktestArtifacts.Iso(r.TestEndUtcMs));
                    w.WriteString("chosen", r.Chosen);
                    BacktestArtifacts.Number(w, "train_sharpe", r.TrainSharpe);
                    BacktestArtifacts.Number(w, "test_sharpe", r.TestSharpe);
                    BacktestArtifacts.Number(w, "test_return", r.TestReturn);
                    BacktestArtifacts.Number(w, "test_max_drawdown", r.TestMaxDrawdown);
                    w.WriteNumber("test_trades", r.TestTrades);
                    BacktestArtifacts.Number(w, "test_final_equity", r.TestFinalEquity);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    public static string Html(IReadOnlyList<WalkForwardResult> results, string title)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Reports.Html.Escape(title)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:24px}table{border-collapse:collapse;margin:8px 0 20px}")
            .Append("td,th{border:1px solid #ddd;padding:3px 8px;font-size:13px;text-align:right}th{background:#f0f0f0}</style></head><body>");
        sb.Append("<h1>").Append(Reports.Html.Escape(title)).Append("</h1>");
        sb.Append("<h2>Stability</h2><table id=\"stability\"><tr><th>strategy</th><th>splits</th><th>mean Sharpe</th><th>median Sharpe</th><th>sd Sharpe</th><th>worst drawdown</th><th>profitable splits</th></tr>");
        foreach (var r in results)
        {
            var s = r.Stability;
            sb.Append("<tr><td>").Append(Reports.Html.Escape(r.Strategy)).Append("</td><td>").Append(s.Splits).Append("</td><td>")
                .Append(Reports.Html.Num(s.MeanSharpe, "0.###")).Append("</td><td>").Append(Reports.Html.Num(s.MedianSharpe, "0.###")).Append("</td><td>")
                .Append(Reports.Html.Num(s.SdSharpe, "0.###")).Append("</td><td>").Append(Reports.Html.Num(s.WorstDrawdown, "0.####")).Append("</td><td>")
                .Append(Reports.Html.Num(s.ProfitableShare, "0.###")).Append("</td></tr>");
        }

        sb.Append("</table>");
        foreach (var r in results)
        {
            sb.Append("<h2>").Append(Reports.Html.Escape(r.Strategy)).Append("</h2><table class=\"splits\"><tr><th>split</th><th>train</th><th>test</th><th>chosen</th><th>train Sharpe</th><th>test Sharpe</th><th>test return</th><th>test max DD</th><th>trades</th>").Append(r.SplitRuns.Count > 0 ? "<th>split files</th>" : string.Empty).Append("</tr>");
            foreach (var row in r.Rows)
            {
                sb.Append("<tr><td>").Append(row.Split).Append("</td><td>").Append(BacktestArtifacts.Iso(row.TrainStartUtcMs)[..10]).Append(" .. ").Append(BacktestArtifacts.Iso(row.TrainEndUtcMs)[..10])
                    .Append("</td><td>").Append(BacktestArtifacts.Iso(row.TestStartUtcMs)[..10]).Append(" .. ").Append(BacktestArtifacts.Iso(row.TestEndUtcMs)[..10])
                    .Append("</td><td>").Append(Reports.Html.Escape(row.Chosen)).Append("</td><td>").Append(Reports.Html.Num(row.TrainSharpe, "0.###"))
                    .Append("</td><td>").Append(Reports.Html.Num(row.TestSharpe, "0.###")).Append("</td><td>").Append(Reports.Html.Num(row.TestReturn, "0.####"))
                    .Append("</td><td>").Append(Reports.Html.Num(row.TestMaxDrawdown, "0.####")).Append("</td><td>").Append(row.TestTrades).Append("</td>");
                if (r.SplitRuns.Count > 0)
                {
                    var folder = Reports.Html.Escape(WalkForwardSplitArtifacts.Folder(r.Strategy, row.Split));
                    sb.Append("<td><a href=\"").Append(folder).Append("/summary.json\">summary</a> <a href=\"").Append(folder).Append("/trades.csv\">trades</a> <a href=\"")
                        .Append(folder).Append("/equity.csv\">equity</a></td>");
                }

                sb.Append("</tr>");
            }

            sb.Append("</table>");
            sb.Append(r.SplitRuns.Count > 0 && r.SplitRuns.Sum(x => x.Timestamps.Length) == r.OutOfSampleReturns.Length
                ? ChainedChart(r)
                : SvgCharts.Line("Out-of-sample equity (splits chained)", Metrics.Drawdown.EquityFromReturns(r.OutOfSampleReturns), "#2c6fbb"));
        }

        return sb.Append("</body></html>\n").ToString();
    }

    /// <summary>Chained out-of-sample cumulative return on a date axis with percentages, a dot where each split starts.</summary>
    private static string ChainedChart(WalkForwardResult r)
    {
        var labels = new List<string>(r.OutOfSampleReturns.Length);
        var markers = new List<ChartMarker>(r.SplitRuns.Count);
        var cumulative = new double[r.OutOfSampleReturns.Length];
        var growth = 1.0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            growth *= 1.0 + r.OutOfSampleReturns[i];
            cumulative[i] = growth - 1.0;
        }

        foreach (var run in r.SplitRuns)
        {
            markers.Add(new ChartMarker(labels.Count, labels.Count == 0 ? 0 : cumulative[labels.Count - 1], ChartMarkerKind.Dot, "split " + run.Row.Split.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + run.Row.Chosen));
            foreach (var t in run.Timestamps)
            {
                labels.Add(BacktestArtifacts.Iso(t)[..10]);
            }
        }

        return AxisChart.Figure(new AxisChartSpec("Out-of-sample cumulative return (splits chained)", labels, [new ChartSeries(r.Strategy + " out-of-sample", cumulative, "#2c6fbb")])
        {
            YFormat = AxisChart.Percent,
            YAxisTitle = "cumulative return",
            IncludeZero = true,
            Markers = markers,
        });
    }
}
