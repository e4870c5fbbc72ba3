using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.Core.Metrics;

namespace Tessera.Core.Reports;

/// <summary>
/// The information-coefficient report of the rankers (<c>tessera ic</c>; docs/IC.md): <c>ic.html</c> (table of
/// half-lives and IC by horizon, the decay chart inline), <c>ic_decay.svg</c> (the chart alone), <c>ic.json</c>,
/// <c>ic_decay.csv</c>, <c>ic_timeseries.csv</c> (per-date IC at horizon 1) and <c>signal_half_life.csv</c>, the
/// artifact names of the Indian-equities blueprint's monitoring section. Pure string building.
/// </summary>
public static class IcReport
{
    private static readonly string[] Colors = ["#2c6fbb", "#d35400", "#27ae60", "#8e44ad", "#7f8c8d", "#c0392b"];

    public static IReadOnlyList<KeyValuePair<string, string>> Files(IReadOnlyList<RankerIcResult> results, string source)
    {
        ArgumentNullException.ThrowIfNull(results);
        return
        [
            new("ic.html", Html(results, source)),
            new("ic_decay.svg", DecaySvg(results) + "\n"),
            new("ic.json", Json(results, source)),
            new("ic_decay.csv", DecayCsv(results)),
            new("ic_timeseries.csv", TimeSeriesCsv(results)),
            new("signal_half_life.csv", HalfLifeCsv(results)),
        ];
    }

    public static string DecayCsv(IReadOnlyList<RankerIcResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder("ranker,horizon,mean_ic,sd_ic,cross_sections,icir,hit_rate\n");
        foreach (var r in results)
        {
            foreach (var d in r.Decay)
            {
                sb.Append(BacktestArtifacts.Csv(r.Ranker)).Append(',').Append(d.Horizon).Append(',').Append(Cell(d.MeanIc)).Append(',')
                    .Append(Cell(d.SdIc)).Append(',').Append(d.CrossSections).Append(',').Append(Cell(d.IcIr)).Append(',')
                    .Append(Cell(d.HitRate)).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>date, then the horizon-1 IC of each ranker (empty where undefined: warm-up, fewer than 2 names, last date).</summary>
    public static string TimeSeriesCsv(IReadOnlyList<RankerIcResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder("date");
        foreach (var r in results)
        {
            sb.Append(',').Append(BacktestArtifacts.Csv("ic_h1." + r.Ranker));
        }

        sb.Append('\n');
        if (results.Count == 0)
        {
            return sb.ToString();
        }

        var dates = results[0].Dates;
        for (var t = 0; t < dates.Length; t++)
        {
            sb.Append(BacktestArtifacts.Iso(dates[t])[..10]);
            foreach (var r in results)
            {
                var v = r.IcAtHorizon1[t];
                sb.Append(',').Append(Cell(v));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    public static string HalfLifeCsv(IReadOnlyList<RankerIcResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder("ranker,half_life_bars,slope,intercept,horizons_fitted,ic_h1\n");
        foreach (var r in results)
        {
            sb.Append(BacktestArtifacts.Csv(r.Ranker)).Append(',').Append(Cell(r.HalfLife.HalfLife)).Append(',')
                .Append(Cell(r.HalfLife.Slope)).Append(',').Append(Cell(r.HalfLife.Intercept)).Append(',')
                .Append(r.HalfLife.Points).Append(',').Append(Cell(r.Decay[0].MeanIc)).Append('\n');
        }

        return sb.ToString();
    }

    public static string Json(IReadOnlyList<RankerIcResult> results, string source)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("data", source);
            w.WriteString("definition", "mean cross-sectional Spearman IC of scores at close t vs close(t+h)/close(t)-1; half-life = -ln2/b of the least-squares fit ln IC(h) = a + b h over horizons with IC > 0");
            w.WriteStartArray("rankers");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("ranker", r.Ranker);
                w.WriteString("parameters", r.Parameters);
                w.WriteNumber("dates", r.Dates.Length);
                w.WriteStartObject("half_life");
                BacktestArtifacts.Number(w, "bars", r.HalfLife.HalfLife);
                w.WriteString("verdict", Verdict(r.HalfLife));
                BacktestArtifacts.Number(w, "slope", r.HalfLife.Slope);
                BacktestArtifacts.Number(w, "intercept", r.HalfLife.Intercept);
                w.WriteNumber("horizons_fitted", r.HalfLife.Points);
                w.WriteEndObject();
                w.WriteStartArray("decay");
                foreach (var d in r.Decay)
                {
                    w.WriteStartObject();
                    w.WriteNumber("horizon", d.Horizon);
                    BacktestArtifacts.Number(w, "mean_ic", d.MeanIc);
                    BacktestArtifacts.Number(w, "sd_ic", d.SdIc);
                    w.WriteNumber("cross_sections", d.CrossSections);
                    BacktestArtifacts.Number(w, "icir", d.IcIr);
                    BacktestArtifacts.Number(w, "hit_rate", d.HitRate);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>Mean IC by horizon, one line per ranker, with a dot at each finite half-life on the fitted curve.</summary>
    public static string DecaySvg(IReadOnlyList<RankerIcResult> results) => AxisChart.Svg(DecaySpec(results));

    public static string Html(IReadOnlyList<RankerIcResult> results, string source)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder(16 * 1024);
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Information coefficient of the rankers</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}")
            .Append("td,th{border:1px solid #ddd;padding:3px 8px;font-size:13px;text-align:right}th{background:#f0f0f0}figcaption{font-weight:600}</style></head><body>");
        sb.Append("<h1>Information coefficient of the rankers</h1><p>Data: ").Append(Reports.Html.Escape(source))
            .Append(". Rank IC = mean over dates of the cross-sectional Spearman correlation between the ranker's score at close t and the return close(t+h)/close(t) - 1. ")
            .Append("Half-life = -ln 2 / b, b the slope of the least-squares fit ln IC(h) = a + b h over the horizons with a positive mean IC (docs/IC.md).</p>");
        sb.Append("<h2>Half-life</h2><table id=\"half-life\"><tr><th>ranker</th><th>parameters</th><th>IC (h = 1)</th><th>ICIR (h = 1)</th><th>half-life (bars)</th><th>horizons fitted</th></tr>");
        foreach (var r in results)
        {
            sb.Append("<tr><td>").Append(Reports.Html.Escape(r.Ranker)).Append("</td><td>").Append(Reports.Html.Escape(r.Parameters)).Append("</td><td>")
                .Append(Reports.Html.Num(r.Decay[0].MeanIc, "0.0000")).Append("</td><td>").Append(Reports.Html.Num(r.Decay[0].IcIr, "0.000")).Append("</td><td>")
                .Append(Reports.Html.Escape(Verdict(r.HalfLife))).Append("</td><td>").Append(r.HalfLife.Points).Append("</td></tr>");
        }

        sb.Append("</table>");
        sb.Append(AxisChart.Figure(DecaySpec(results)));
        sb.Append("<h2>IC by horizon</h2><table id=\"decay\"><tr><th>horizon</th>");
        foreach (var r in results)
        {
            sb.Append("<th>").Append(Reports.Html.Escape(r.Ranker)).Append(" mean IC</th><th>sd</th><th>n</th>");
        }

        sb.Append("</tr>");
        var horizons = results.Count == 0 ? 0 : results[0].Decay.Count;
        for (var h = 0; h < horizons; h++)
        {
            sb.Append("<tr><td>").Append(h + 1).Append("</td>");
            foreach (var r in results)
            {
                var d = r.Decay[h];
                sb.Append("<td>").Append(Reports.Html.Num(d.MeanIc, "0.0000")).Append("</td><td>").Append(Reports.Html.Num(d.SdIc, "0.0000")).Append("</td><td>")
                    .Append(d.CrossSections).Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</table><p>Files: <a href=\"ic_decay.csv\">ic_decay.csv</a>, <a href=\"ic_timeseries.csv\">ic_timeseries.csv</a>, ")
            .Append("<a href=\"signal_half_life.csv\">signal_half_life.csv</a>, <a href=\"ic.json\">ic.json</a>, <a href=\"ic_decay.svg\">ic_decay.svg</a></p>");
        return sb.Append("</body></html>\n").ToString();
    }

    /// <summary>"12.3" bars, "no decay" (+infinity: IC does not fall with the horizon), "n/a" (fewer than two positive horizons).</summary>
    public static string Verdict(IcHalfLifeFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return double.IsNaN(fit.HalfLife) ? "n/a" : double.IsPositiveInfinity(fit.HalfLife) ? "no decay" : fit.HalfLife.ToString("0.0", CultureInfo.InvariantCulture);
    }

    /// <summary>A CSV number: round-trip digits; empty when undefined (NaN); "inf" for a half-life without decay.</summary>
    private static string Cell(double v) =>
        double.IsNaN(v) ? string.Empty : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : BacktestArtifacts.R(v);

    private static AxisChartSpec DecaySpec(IReadOnlyList<RankerIcResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var horizons = results.Count == 0 ? 0 : results.Max(r => r.Decay.Count);
        var labels = Enumerable.Range(1, horizons).Select(h => h.ToString(CultureInfo.InvariantCulture)).ToList();
        var series = new List<ChartSeries>();
        var markers = new List<ChartMarker>();
        for (var k = 0; k < results.Count; k++)
        {
            var r = results[k];
            series.Add(new ChartSeries(r.Ranker + " mean IC", r.Decay.Select(d => d.MeanIc).ToArray(), Colors[k % Colors.Length]));
            var hl = r.HalfLife.HalfLife;
            if (double.IsFinite(hl) && hl >= 1 && hl <= horizons)
            {
                // On the fitted curve: IC(HL) = exp(a + b HL).
                var index = (int)Math.Round(hl) - 1;
                markers.Add(new ChartMarker(index, Math.Exp(r.HalfLife.Intercept + (r.HalfLife.Slope * (index + 1))), ChartMarkerKind.Dot, r.Ranker + ": half-life " + hl.ToString("0.0", CultureInfo.InvariantCulture) + " bars"));
            }
        }

        return new AxisChartSpec("IC decay by horizon", labels, series)
        {
            XAxisTitle = "horizon h (bars)",
            YAxisTitle = "mean rank IC",
            IncludeZero = true,
            Markers = markers,
            XTickCount = Math.Min(horizons, 10),
        };
    }
}
