using System.Text;

namespace Tessera.Core.Reports;

/// <summary>One report an index links: its relative path, what kind it is, a title and headline figures.</summary>
public sealed record ReportIndexEntry(string Href, string Kind, string Title, IReadOnlyList<KeyValuePair<string, string>> Headline);

/// <summary>
/// The report index (the Indian-equities blueprint's "Reports Index -> reports/index.html"): one HTML page that links
/// every report of a run or of a folder of runs (tear sheets first), with the headline figures next to each link so
/// a reader picks the one to open. Links are relative and escaped; no scripts. Pure string building.
/// </summary>
public static class ReportIndex
{
    public const string FileName = "index.html";

    /// <summary>The index of one backtest's folder: the tear sheet and its data files, with the headline metrics.</summary>
    public static string ForBacktest(TearSheetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var m = input.Metrics;
        return Html(input.Title,
        [
            new("tearsheet.html", "tear sheet", input.Title, Headline(m.TotalReturn, m.Sharpe, m.MaxDrawdown, m.TradeCount)),
            new("summary.json", "data", "parameters and metrics (JSON)", []),
            new("trades.csv", "data", "closed trades (CSV)", []),
            new("equity.csv", "data", "equity, cash, exposure, drawdown per bar (CSV)", []),
        ]);
    }

    /// <summary>
    /// The entry for a report file found in a folder of runs (<c>tessera report index</c>), by its file name:
    /// tearsheet.html (title and headline from the summary.json beside it, when given), walkforward.html, ic.html,
    /// validation.json, report.html (a life-cycle run), a sub-folder's index.html (a run's own index); null for any
    /// other file (and for the folder's own index.html).
    /// </summary>
    public static ReportIndexEntry? Entry(string relativePath, string? summaryJson)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var folder = relativePath.Contains('/', StringComparison.Ordinal) ? relativePath[..relativePath.LastIndexOf('/')] : ".";
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        return name switch
        {
            "tearsheet.html" => TearSheetEntry(relativePath, folder, summaryJson),
            "walkforward.html" => new ReportIndexEntry(relativePath, "walk-forward", folder, []),
            "ic.html" => new ReportIndexEntry(relativePath, "information coefficient", folder, []),
            "validation.json" => new ReportIndexEntry(relativePath, "validation", folder, []),
            "report.html" => new ReportIndexEntry(relativePath, "life-cycle run", folder, []),
            FileName when folder != "." => new ReportIndexEntry(relativePath, "run index", folder, []),
            _ => null,
        };
    }

    private static ReportIndexEntry TearSheetEntry(string href, string folder, string? summaryJson)
    {
        if (summaryJson is null)
        {
            return new ReportIndexEntry(href, "tear sheet", folder, []);
        }

        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(summaryJson);
            var root = doc.RootElement;
            var metrics = root.GetProperty("metrics");
            static double D(System.Text.Json.JsonElement e, string name) =>
                e.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetDouble() : double.NaN;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() ?? folder : folder;
            return new ReportIndexEntry(href, "tear sheet", folder + ": " + title, Headline(D(metrics, "total_return"), D(metrics, "sharpe"), D(metrics, "max_drawdown"), (int)D(metrics, "trade_count")));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // A damaged summary must not hide the tear sheet: link it without figures, and say why.
            return new ReportIndexEntry(href, "tear sheet", folder, [new("summary.json", "unreadable")]);
        }
    }

    /// <summary>Tear sheets first, then walk-forwards, IC, validations, life-cycle reports, run indexes; path order within a kind.</summary>
    public static IReadOnlyList<ReportIndexEntry> Ordered(IEnumerable<ReportIndexEntry> entries)
    {
        string[] kinds = ["tear sheet", "walk-forward", "information coefficient", "validation", "life-cycle run", "run index"];
        return [.. entries.OrderBy(e => Array.IndexOf(kinds, e.Kind)).ThenBy(e => e.Href, StringComparer.Ordinal)];
    }

    /// <summary>Headline figures of a tear sheet as the index shows them (returns and drawdowns in percent).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headline(double totalReturn, double sharpe, double maxDrawdown, int trades) =>
    [
        new("total return", Pct(totalReturn)),
        new("Sharpe", Reports.Html.Num(sharpe, "0.00")),
        new("max drawdown", Pct(maxDrawdown)),
        new("trades", trades.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static string Html(string title, IReadOnlyList<ReportIndexEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sb = new StringBuilder(4096);
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Reports.Html.Escape(title)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}")
            .Append("td,th{border:1px solid #ddd;padding:3px 10px;text-align:left;font-size:13px}th{background:#f0f0f0}</style></head><body>");
        sb.Append("<h1>").Append(Reports.Html.Escape(title)).Append("</h1>");
        sb.Append("<table id=\"reports\"><tr><th>kind</th><th>report</th><th>headline</th></tr>");
        foreach (var e in entries)
        {
            sb.Append("<tr><td>").Append(Reports.Html.Escape(e.Kind)).Append("</td><td><a href=\"").Append(Reports.Html.Escape(e.Href)).Append("\">")
                .Append(Reports.Html.Escape(e.Title)).Append("</a></td><td>");
            for (var i = 0; i < e.Headline.Count; i++)
            {
                sb.Append(i == 0 ? string.Empty : ", ").Append(Reports.Html.Escape(e.Headline[i].Key)).Append(' ').Append(Reports.Html.Escape(e.Headline[i].Value));
            }

            sb.Append("</td></tr>");
        }

        return sb.Append("</table></body></html>\n").ToString();
    }

    private static string Pct(double v) =>
        double.IsFinite(v) ? (v * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%" : "n/a";
}
