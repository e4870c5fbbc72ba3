using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Tessera.Orchestrations.Application.Purge;
using Tessera.Orchestrations.Application.Schedules;

namespace Tessera.Functions;

/// <summary>
/// The timers of <see cref="ScheduledJobs"/> on Azure Functions (NCRONTAB, UTC); the local host runs the same
/// application commands on the same expressions (local/Tessera.Local/Hosting/LocalTimers.cs), and the parity test
/// checks the two agree.
/// </summary>
public sealed class TimerFunctions(RunHistoryPurge purge, ILogger<TimerFunctions> logger)
{
    /// <summary>Daily: purge the runtime history of finished runs older than TESSERA_RUN_HISTORY_RETENTION (default 30d).</summary>
    [Function(ScheduledJobs.PurgeRunHistoryName)]
    public async Task PurgeRunHistory(
        [TimerTrigger(ScheduledJobs.PurgeRunHistorySchedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var retention = RetentionAge.Parse(
            Environment.GetEnvironmentVariable(ScheduledJobs.RetentionVariable) ?? ScheduledJobs.DefaultRetention, ScheduledJobs.RetentionVariable);
        var report = await purge.PurgeAsync(client, retention, cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "purged the history of {Purged} finished run(s) created before {Cutoff:u}; kept {Kept} protected run(s)",
            report.Purged.Count,
            report.CreatedBefore,
            report.Kept.Count);
    }
}
