using Tessera.Trading.Sep;

namespace Tessera.Orchestrations.Trading;

/// <summary>Who asks for a tick: the CLI once (no checks), the CLI's --watch (cadence and session), a timer (also sep.enabled).</summary>
public enum SepTickMode
{
    Once,
    Watch,
    Timer,
}

/// <summary>What a SEP tick request did: the tick's outcome, or why nothing ran (no <c>sep:</c> section, disabled, not due).</summary>
public sealed record SepTickReport(SepTickOutcome? Outcome, string Line);

/// <summary>
/// The live SEP desk's application command (docs/SEP.md "Live"), called identically by <c>tessera trade sep</c>, the
/// local scheduler and the Functions timer: open the desk, check the configuration and the cadence, run one tick of
/// <see cref="SepDeskRunner"/>. Timers tick only when <c>sep.enabled</c> and the cadence minute is due in the regular
/// session; <c>--watch</c> only when the cadence minute is due; the CLI's one-shot always.
/// </summary>
public static class SepDeskCommands
{
    public static async Task<SepTickReport> TickAsync(TradingCommands commands, SepTickMode mode, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var desk = await commands.OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        var sep = desk.Configuration.Sep;
        if (sep is null)
        {
            return new SepTickReport(null, "the trading configuration has no sep: section: no SEP desk");
        }

        if (mode != SepTickMode.Once)
        {
            if (mode == SepTickMode.Timer && !sep.Enabled)
            {
                return new SepTickReport(null, "the SEP desk is not enabled (sep.enabled in the trading configuration)");
            }

            var clock = await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
            if (!SepDeskRunner.IsDue(clock.Now, sep))
            {
                return new SepTickReport(null, "no SEP tick due (regular session, every " + sep.CadenceMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " min)");
            }
        }

        var now = (await desk.ClockAsync(cancellationToken).ConfigureAwait(false)).Now;
        var outcome = await SepDeskRunner.TickAsync(desk, "sep-" + SepDeskRunner.TickId(now), dryRun, cancellationToken).ConfigureAwait(false);
        return new SepTickReport(outcome, Describe(outcome));
    }

    public static string Describe(SepTickOutcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var approved = o.Decisions.Count(d => d.Decision.Outcome == Tessera.Trading.Decisions.DecisionOutcome.Approved);
        var state = o.Replayed ? "replayed" : o.NoData ? "no data" : o.HeldStale ? "held stale weights" : "evaluated";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"SEP tick {o.TickId} {state}: {o.Decisions.Count} order(s) decided, {approved} approved, {o.Submissions.Count} submitted{(o.DryRun ? " (dry run)" : string.Empty)}");
    }
}
