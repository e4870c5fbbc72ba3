using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core.Errors;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Trading;
using Tessera.Trading.Sep;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera trade sep [--dry-run] [--watch]</c>: the live SEP desk (docs/SEP.md "Live") through the order path, on the
/// broker of TESSERA_BROKER like every <c>tessera trade</c> command. Once: one tick now. <c>--watch</c>: a tick at 15 s
/// past every minute whose New York minute is a multiple of <c>sep.cadence_minutes</c> in the regular session, until
/// Ctrl-C. A re-run within the same minute resubmits that tick's recorded intents (nothing is sent twice).
/// </summary>
public static class SepTradeCommand
{
    public static Command Build(CliContext context)
    {
        var storage = StorageOption.Create();
        var dryRun = new Option<bool>("--dry-run") { Description = "Decide and audit every order, submit none, record no state" };
        var watch = new Option<bool>("--watch") { Description = "Tick every cadence minute (15 s past) until Ctrl-C" };
        var command = new Command("sep", "The live SEP Top-K desk: metrics from recent bars, guards with persisted cooldowns, 30 % budget, orders through the gates");
        command.Options.Add(storage);
        command.Options.Add(dryRun);
        command.Options.Add(watch);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            var local = LocalTrading.Create(context.Env, store);
            var runtime = local.Runtime ?? throw new TesseraValidationException("trading", null, local.Unavailable ?? "trading is not available");
            try
            {
                if (!parse.GetValue(watch))
                {
                    return Print(context, await SepDeskCommands.TickAsync(runtime.Commands, SepTickMode.Once, parse.GetValue(dryRun), ct).ConfigureAwait(false));
                }

                while (!ct.IsCancellationRequested)
                {
                    var now = TimeProvider.System.GetUtcNow();
                    var next = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 15, TimeSpan.Zero);
                    if (next <= now)
                    {
                        next = next.AddMinutes(1);
                    }

                    try
                    {
                        await Task.Delay(next - now, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    Print(context, await SepDeskCommands.TickAsync(runtime.Commands, SepTickMode.Watch, parse.GetValue(dryRun), ct).ConfigureAwait(false));
                }

                return ExitCodes.Ok;
            }
            finally
            {
                if (local.Events is { } events)
                {
                    await events.DisposeAsync().ConfigureAwait(false);
                }
            }
        });
        return command;
    }

    private static int Print(CliContext context, SepTickReport report)
    {
        if (report.Outcome is { } o)
        {
            var instruments = new Table().AddColumns("symbol", "C", "S", "R", "H", "score", "selection", "weight", "current", "target");
            foreach (var l in o.Instruments)
            {
                instruments.AddRow(TerminalText.Escape(l.Symbol), F(l.Metrics?.Coherence), F(l.Metrics?.Stability), F(l.Metrics?.Rupture), F(l.Metrics?.Entropy),
                    F(l.Score), l.Selection.ToString(), F(l.Weight), Money(l.CurrentExposure), Money(l.TargetExposure));
            }

            context.Console.Write(instruments);
            if (o.Decisions.Count > 0)
            {
                var orders = new Table().AddColumns("symbol", "side", "qty", "decision", "reason");
                foreach (var d in o.Decisions)
                {
                    var i = d.Decision.Intent;
                    orders.AddRow(TerminalText.Escape(d.Decision.Symbol), TerminalText.Escape(i?.Side.ToString() ?? d.SignalReason), i?.Quantity?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, d.Decision.Outcome.ToString(), TerminalText.Escape(d.Decision.Veto ?? d.Decision.Detail));
                }

                context.Console.Write(orders);
            }

            if (!o.Replayed)
            {
                context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"budget {o.Budget:0.00}, cap {o.Cap:0.00}, margin used {o.MarginRatio:P2}"));
            }

            foreach (var note in o.Notes)
            {
                context.Console.MarkupLine("[yellow]note:[/] " + TerminalText.Escape(note));
            }
        }

        context.Console.MarkupLine(TerminalText.Escape(report.Line));
        return ExitCodes.Ok;
    }

    private static string F(double? x) => x is { } v && double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";

    private static string Money(double x) => double.IsFinite(x) ? x.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
