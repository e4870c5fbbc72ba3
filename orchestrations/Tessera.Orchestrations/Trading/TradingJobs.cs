using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application.Schedules;

namespace Tessera.Orchestrations.Trading;

/// <summary>
/// What each trading timer runs, bound once for both hosts: the Functions timers and the local scheduler call
/// <see cref="RunAsync"/> with the job's name, so a job cannot do one thing on Azure and another locally. Returns the
/// line the host logs.
/// </summary>
public static class TradingJobs
{
    public static async Task<string> RunAsync(string job, TradingCommands? commands, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (commands is null)
        {
            return job + ": trading is disabled (set " + TradingHostSettings.EnabledVariable + "=true to trade)";
        }

        switch (job)
        {
            case ScheduledJobs.MarketScanTimerName:
                var start = await commands.ScanTickAsync(client, cancellationToken).ConfigureAwait(false);
                return start is null ? job + ": no scan slot due" : $"{job}: slot {start.Slot} {(start.Started ? "started" : "already ran")} ({start.InstanceId})";
            case ScheduledJobs.EquityPollBackstopName:
                var poll = await commands.EquityPollAsync(cancellationToken).ConfigureAwait(false);
                return $"{job}: {poll.Status}" + (poll.Reading is { } r ? $" (drawdown {r.Drawdown:P2})" : string.Empty);
            case ScheduledJobs.ExitBeforeCloseTimerName:
                var exit = await commands.ExitBeforeCloseAsync(cancellationToken).ConfigureAwait(false);
                return $"{job}: {exit.Detail}";
            case ScheduledJobs.DailyReconciliationName:
                var report = await commands.ReconcileAsync(repair: false, cancellationToken).ConfigureAwait(false);
                return $"{job}: {report.LocalOrders} local order(s), {report.BrokerOrders} at the broker, {report.Differences.Count} difference(s)";
            case ScheduledJobs.DailyBudgetResetName:
                var reset = await commands.DailyResetAsync(cancellationToken).ConfigureAwait(false);
                return $"{job}: {reset.Detail}";
            case ScheduledJobs.SepTickName:
                var sep = await SepDeskCommands.TickAsync(commands, SepTickMode.Timer, dryRun: false, cancellationToken).ConfigureAwait(false);
                return $"{job}: {sep.Line}";
            default:
                throw new ArgumentOutOfRangeException(nameof(job), job, "not a trading job");
        }
    }
}
