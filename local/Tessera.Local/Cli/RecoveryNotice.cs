using Spectre.Console;
using Tessera.Orchestrations.Application.Journal;

namespace Tessera.Local.Cli;

/// <summary>Tells the user, at start, what the comparison of the run journal with the task hub recovered.</summary>
public static class RecoveryNotice
{
    /// <summary>Prints, once the watch over runs left in flight by a power cut ends, what it settled (in the background).</summary>
    public static void PrintWhenSettled(CliContext context, Task<InFlightWatchReport>? watch)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = watch?.ContinueWith(
            done =>
            {
                var r = done.Result;
                foreach (var id in r.Rescheduled)
                {
                    context.Console.MarkupLine($"[yellow]recovered[/] run {TerminalText.Escape(id)}: it ended badly after the power cut (torn state); scheduled again from the run journal");
                }

                foreach (var id in r.Lost)
                {
                    context.Console.MarkupLine($"[red]lost[/] run {TerminalText.Escape(id)}: see 'tessera status {TerminalText.Escape(id)}'");
                }

                context.Console.MarkupLine($"runs left in flight by the power cut: {r.Settled.Count} completed as they were, {r.Rescheduled.Count} scheduled again, {r.Lost.Count} lost");
            },
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

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
            if (report.InFlight.Count > 0)
            {
                context.Console.MarkupLine("[yellow]watching[/] them: the storage stopped uncleanly, so a run that ends failed is scheduled again from the run journal");
            }
        }

        foreach (var id in report.Rescheduled)
        {
            context.Console.MarkupLine($"[yellow]recovered[/] run {TerminalText.Escape(id)}: storage had lost it; scheduled again from the run journal");
        }

        foreach (var id in report.Lost)
        {
            context.Console.MarkupLine($"[red]lost[/] run {TerminalText.Escape(id)}: see 'tessera status {TerminalText.Escape(id)}'");
        }
    }
}
