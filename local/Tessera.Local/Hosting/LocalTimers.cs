using Tessera.Orchestrations.Application.Purge;
using Tessera.Orchestrations.Application.Schedules;

namespace Tessera.Local.Hosting;

/// <summary>
/// What the local host's scheduler runs (<c>tessera serve</c>): each job of <see cref="ScheduledJobs"/> bound to the
/// same application command its Functions twin calls. The parity test compares <see cref="Jobs"/> with the timers
/// of functions.metadata.
/// </summary>
public static class LocalTimers
{
    /// <summary>The jobs the local host schedules, with their expressions.</summary>
    public static IReadOnlyList<ScheduledJob> Jobs { get; } = [ScheduledJobs.PurgeRunHistory];

    /// <param name="retention">TESSERA_RUN_HISTORY_RETENTION (default 30d), parsed once when the host starts.</param>
    /// <param name="report">told what each purge did.</param>
    public static IReadOnlyList<(ScheduledJob Job, Func<CancellationToken, Task> Run)> For(LocalRuntime runtime, RetentionAge retention, Action<PurgeReport> report)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            (ScheduledJobs.PurgeRunHistory, async ct => report(await runtime.Purge.PurgeAsync(runtime.Client, retention, ct).ConfigureAwait(false))),
        ];
    }
}
