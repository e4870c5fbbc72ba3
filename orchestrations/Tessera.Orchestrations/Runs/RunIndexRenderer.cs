using System.Globalization;
using System.Net;
using System.Text;
using Tessera.Storage.Tables;

namespace Tessera.Orchestrations.Runs;

/// <summary>
/// Renders the run index as <c>runs/INDEX.md</c> and <c>runs/index.html</c>: one line per run with the run id and the
/// resolved profile name as read from its manifest, status, governance state (and the reason of the last transition),
/// key figures (chosen optimizer, regime, assets, out-of-sample Sharpe and max drawdown) and links to the run's report,
/// manifest and audit trail (relative to the runs container, where both files are written). Rows in run id order.
/// Pure: rows in, text out.
/// </summary>
public static class RunIndexRenderer
{
    public const string MarkdownName = "INDEX.md";
    public const string HtmlName = "index.html";

    private static readonly string[] Header = ["run id", "profile", "status", "governance", "started (UTC)", "optimizer", "regime", "assets", "OOS Sharpe", "OOS max DD", "links"];

    public static string Markdown(IReadOnlyList<RunIndexRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.Append("# Run index\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"{rows.Count} run(s). Profile and run id as resolved in each run's manifest.json.\n\n");
        sb.Append("| ").AppendJoin(" | ", Header).Append(" |\n");
        sb.Append('|').Append(string.Concat(Enumerable.Repeat("---|", Header.Length))).Append('\n');
        foreach (var row in Ordered(rows))
        {
            var cells = Cells(row);
            sb.Append("| ");
            for (var i = 0; i < cells.Length - 1; i++)
            {
                sb.Append(MdEscape(cells[i])).Append(" | ");
            }

            sb.AppendJoin(" ", Links(row).Select(l => $"[{l.Label}]({l.Href})")).Append(" |\n");
        }

        return sb.ToString();
    }

    public static string Html(IReadOnlyList<RunIndexRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Run index</title>")
          .Append("<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style></head><body>\n")
          .Append("<h1>Run index</h1>\n")
          .Append(CultureInfo.InvariantCulture, $"<p>{rows.Count} run(s). Profile and run id as resolved in each run's manifest.json.</p>\n<table>\n<tr>");
        foreach (var h in Header)
        {
            sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        }

        sb.Append("</tr>\n");
        foreach (var row in Ordered(rows))
        {
            var cells = Cells(row);
            sb.Append("<tr>");
            for (var i = 0; i < cells.Length - 1; i++)
            {
                sb.Append("<td>").Append(WebUtility.HtmlEncode(cells[i])).Append("</td>");
            }

            sb.Append("<td>").AppendJoin(" ", Links(row).Select(l => $"<a href=\"{WebUtility.HtmlEncode(l.Href)}\">{l.Label}</a>")).Append("</td></tr>\n");
        }

        sb.Append("</table>\n</body></html>\n");
        return sb.ToString();
    }

    private static IEnumerable<RunIndexRow> Ordered(IReadOnlyList<RunIndexRow> rows) => rows.OrderBy(r => r.RowKey, StringComparer.Ordinal);

    private static string[] Cells(RunIndexRow row) =>
    [
        row.RowKey,
        row.Profile,
        row.Status,
        row.GovernanceReason is { Length: > 0 } reason ? $"{row.Governance} ({reason})" : row.Governance,
        row.StartedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
        row.ChosenOptimizer ?? "-",
        row.Regime ?? "-",
        row.Assets?.ToString(CultureInfo.InvariantCulture) ?? "-",
        row.OosSharpe?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-",
        row.OosMaxDrawdown?.ToString("0.00%", CultureInfo.InvariantCulture) ?? "-",
        string.Empty,
    ];

    private static IEnumerable<(string Label, string Href)> Links(RunIndexRow row)
    {
        if (row.ReportPath is { } report)
        {
            yield return ("report", row.RowKey + "/" + report);
        }

        if (row.ManifestPath is { } manifest)
        {
            yield return ("manifest", row.RowKey + "/" + manifest);
        }

        if (row.AuditPath is { } audit)
        {
            yield return ("audit", row.RowKey + "/" + audit);
        }
    }

    private static string MdEscape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
