using System.Globalization;
using Spectre.Console;
using Tessera.Core.Data.Import;

namespace Tessera.Local.Cli;

/// <summary>The per-file import table and the dropped rows by rule (with lines), printed by data import and every --csv input.</summary>
public static class ImportSummary
{
    public static void Print(CliContext context, IReadOnlyList<ImportReport> reports)
    {
        var table = new Table().Title("import").AddColumns("file", "rows", "accepted", "rejected", "symbols");
        foreach (var r in reports)
        {
            table.AddRow(TerminalText.Escape(r.Source), N(r.DataRows), N(r.RowsAccepted), N(r.RowsRejected), N(r.Symbols));
        }

        context.Console.Write(table);
        var rules = new Table().Title("dropped rows by rule").AddColumns("file", "rule", "count", "lines");
        foreach (var r in reports)
        {
            foreach (var v in r.Rejections)
            {
                var lines = string.Join(", ", v.Rows.Take(20).Select(x => x.Line.ToString(CultureInfo.InvariantCulture) + " (" + x.Field + ")"));
                rules.AddRow(TerminalText.Escape(r.Source), TerminalText.Escape(v.Rule), N(v.Count), TerminalText.Escape(v.Count > 20 ? lines + ", ..." : lines));
            }

            foreach (var w in r.Warnings)
            {
                rules.AddRow(TerminalText.Escape(r.Source), "[yellow]warning[/]", "", TerminalText.Escape(w));
            }
        }

        if (rules.Rows.Count > 0)
        {
            context.Console.Write(rules);
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
