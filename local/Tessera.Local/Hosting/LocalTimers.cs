using Tessera.Orchestrations.Application.Purge;
using Tessera.Orchestrations.Application.Schedules;
using Tessera.Orchestrations.Research;
using Tessera.Orchestrations.Trading;

namespace Tessera.Local.Hosting;

/// <summary>
/// What the local host's scheduler runs (<c>tessera serve</c>): each job of <see cref="ScheduledJobs"/> bound to the
/// same application command its Functions twin calls. The parity test compares <see cref="Jobs"/> with the timers
/// of functions.metadata.
/// </summary>
public static class LocalTimers
{
    /// <summary>The jobs the local host schedules, with their expressions.</summary>
    public static IReadOnlyList<ScheduledJob> Jobs { get; } = ScheduledJobs.All;

    /// <param name="retention">TESSERA_RUN_HISTORY_RETENTION (default 30d), parsed once when the host starts.</param>
    /// <param name="report">told what each purge did.</param>
    /// <param name="trade">whether the trading jobs trade (serve --trade or TESSERA_TRADING_ENABLED); off, they only say so.</param>
    /// <param name="tradingLine">told what each trading job did.</param>
    /// <param name="environment">where the research jobs find TESSERA_RESEARCH_CONFIG (default: the process environment).</param>
    public static IReadOnlyList<(ScheduledJob Job, Func<CancellationToken, Task> Run)> For(LocalRuntime runtime, RetentionAge retention, Action<PurgeReport> report, bool trade = false, Action<string>? tradingLine = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(report);
        var jobs = new List<(ScheduledJob, Func<CancellationToken, Task>)>
        {
            (ScheduledJobs.PurgeRunHistory, async ct => report(await runtime.Purge.PurgeAsync(runtime.Client, retention, ct).ConfigureAwait(false))),
        };
        var commands = trade ? runtime.Trading.Runtime?.Commands : null;
        foreach (var job in ScheduledJobs.Trading)
        {
            jobs.Add((job, async ct =>
            {
                var line = await TradingJobs.RunAsync(job.Name, commands, runtime.Client, ct).ConfigureAwait(false);
                tradingLine?.Invoke(line);
            }
            ));
        }

        // The research timers run whether or not trading is on; the configuration is read at each run, so an edit of
        // config/research.yaml applies from the next tick and a broken file fails that job only.
        foreach (var job in ScheduledJobs.Research)
        {
            jobs.Add((job, async ct =>
            {
                var configuration = ResearchConfiguration.Load(environment ?? Environment.GetEnvironmentVariable);
                var line = await ResearchJobs.RunAsync(job.Name, runtime.Storage.Blobs, runtime.Lakehouse, LocalResearchEvents.For(runtime), configuration, TimeProvider.System.GetUtcNow(), ct).ConfigureAwait(false);
                tradingLine?.Invoke(line);
            }
            ));
        }

        return jobs;
    }
}
