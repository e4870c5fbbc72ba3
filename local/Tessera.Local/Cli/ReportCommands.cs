using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Tessera.Core.Errors;
using Tessera.Core.Reports;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera report index --dir DIR</c>: the report index of a folder of runs (the blueprint's make_report_index):
/// DIR/index.html linking every tear sheet (with its headline figures from summary.json), walk-forward, IC report,
/// validation and life-cycle report found under DIR, tear sheets first. Thin host: find files, call <see cref="ReportIndex"/>.
/// </summary>
public static class ReportCommands
{
    public static Command Build(CliContext context)
    {
        var report = new Command("report", "Reports: the index page of a folder of runs");
        report.Subcommands.Add(BuildIndex(context));
        return report;
    }

    private static Command BuildIndex(CliContext context)
    {
        var dir = new Option<string?>("--dir") { Description = "Folder holding local run outputs (backtest/walkforward/ic --out folders, run copies); without it, the run index" };
        var output = new Option<string?>("--out") { Description = "Without --dir: also write the run index's INDEX.md and index.html into this folder" };
        var storage = StorageOption.Create();
        var command = new Command("index", "The run index (runs/INDEX.md and runs/index.html, from the run index table), or with --dir DIR/index.html linking every tear sheet, walk-forward, IC report, validation and run report under DIR");
        command.Options.Add(dir);
        command.Options.Add(output);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            if (parse.GetValue(dir) is not { } root)
            {
                // The one run index: rendered from its table (tessera runs index rebuilds it first).
                await using var store = await Tessera.Local.Hosting.LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
                var index = new Tessera.Orchestrations.Runs.RunIndex(new Tessera.Storage.Tables.RunIndexTable(store.Tables), store.Blobs, TimeProvider.System);
                var rows = await index.RenderAsync(ct).ConfigureAwait(false);
                await GovernanceCommands.WriteLocalAsync(parse.GetValue(output), rows, ct).ConfigureAwait(false);
                GovernanceCommands.PrintRows(context, rows);
                context.Console.MarkupLine($"rendered runs/{Tessera.Orchestrations.Runs.RunIndexRenderer.MarkdownName} and runs/{Tessera.Orchestrations.Runs.RunIndexRenderer.HtmlName} ({rows.Count.ToString(CultureInfo.InvariantCulture)} run(s))");
                return ExitCodes.Ok;
            }

            if (!Directory.Exists(root))
            {
                throw new TesseraValidationException("--dir", root, "must be an existing folder");
            }

            var entries = new List<ReportIndexEntry>();
            foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
                var summaryPath = Path.Combine(Path.GetDirectoryName(path)!, "summary.json");
                string? summary = null;
                if (Path.GetFileName(path) == "tearsheet.html" && File.Exists(summaryPath))
                {
                    summary = await File.ReadAllTextAsync(summaryPath, ct).ConfigureAwait(false);
                }

                if (ReportIndex.Entry(relative, summary) is { } entry)
                {
                    entries.Add(entry);
                }
            }

            var ordered = ReportIndex.Ordered(entries);
            var target = Path.Combine(root, ReportIndex.FileName);
            await File.WriteAllTextAsync(target, ReportIndex.Html("Report index: " + Path.GetFileName(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar)), ordered), new UTF8Encoding(false), ct).ConfigureAwait(false);
            var table = new Table().AddColumns("kind", "reports");
            foreach (var group in ordered.GroupBy(e => e.Kind))
            {
                table.AddRow(TerminalText.Escape(group.Key), group.Count().ToString(CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"wrote {TerminalText.Escape(target)} ({ordered.Count.ToString(CultureInfo.InvariantCulture)} reports linked)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
