using NCrontab;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Application.Schedules;

namespace Tessera.Local.Hosting;

/// <summary>
/// The local twin of the Functions timers: runs each job of <see cref="ScheduledJobs"/> on its NCRONTAB expression
/// (six fields, with seconds, in UTC — as the Functions host reads a [TimerTrigger] schedule), parsed by NCrontab,
/// the library the Functions host uses. One loop per job; a failed run is reported and the next occurrence is
/// waited for, as a failed timer function is. Missed occurrences while the host was down are not caught up (the
/// Functions host would run one late occurrence; for a daily purge the next day's run does the same work).
/// </summary>
public sealed class LocalScheduler : IAsyncDisposable
{
    private static readonly CrontabSchedule.ParseOptions WithSeconds = new() { IncludingSeconds = true };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    private LocalScheduler()
    {
    }

    /// <summary>Parses a six-field NCRONTAB expression; a malformed one is a validation error naming the job.</summary>
    public static CrontabSchedule Parse(ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return CrontabSchedule.TryParse(job.Schedule, WithSeconds)
            ?? throw new TesseraValidationException("schedule." + job.Name, job.Schedule, "must be an NCRONTAB expression with six fields (second minute hour day month weekday), in UTC");
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public static DateTimeOffset NextOccurrence(ScheduledJob job, DateTimeOffset after)
    {
        var next = Parse(job).GetNextOccurrence(after.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    /// <param name="jobs">each job with the application command it runs.</param>
    /// <param name="onError">told of a failed run (the job name and the exception); the schedule goes on.</param>
    public static LocalScheduler Start(IReadOnlyList<(ScheduledJob Job, Func<CancellationToken, Task> Run)> jobs, TimeProvider clock, Action<string, Exception> onError)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(onError);
        var scheduler = new LocalScheduler();
        foreach (var (job, run) in jobs)
        {
            Parse(job); // every expression is checked before any loop starts
        }

        foreach (var (job, run) in jobs)
        {
            scheduler._loops.Add(Task.Run(() => scheduler.LoopAsync(job, run, clock, onError)));
        }

        return scheduler;
    }

    private async Task LoopAsync(ScheduledJob job, Func<CancellationToken, Task> run, TimeProvider clock, Action<string, Exception> onError)
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var due = NextOccurrence(job, now);
            try
            {
                await Task.Delay(due - now, clock, ct).ConfigureAwait(false);
                await run(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                onError(job.Name, ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stop.Dispose();
    }
}
