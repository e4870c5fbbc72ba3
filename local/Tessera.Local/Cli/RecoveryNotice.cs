using Spectre.Console;
using Tessera.Orchestrations.Application.Journal;

namespace Tessera.Local.Cli;

/// <summary>Tells the user, at start, what the comparison of the run journal with the task hub recovered.</summary>
public static class RecoveryNotice
{
    public static void Print(CliContext context, ReconcileReport? report)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (report is null || (report.Rescheduled.Count == 0 && report.Lost.Count == 0 && report.Running == 0))
        {
            return;
        }

        if (report.Running > 0)
        {
            context.Console.MarkupLine($"[yellow]resuming[/] {report.Running} run(s) left in flight by an earlier process");
        }

        foreach (var id in report.Rescheduled)
        {
            context.Console.MarkupLine($"[yellow]recovered[/] run {Markup.Escape(id)}: storage had lost it; scheduled again from the run journal");
        }

        foreach (var id in report.Lost)
        {
            context.Console.MarkupLine($"[red]lost[/] run {Markup.Escape(id)}: see 'tessera status {Markup.Escape(id)}'");
        }
    }
}
