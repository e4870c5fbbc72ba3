using Tessera.Core.Errors;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application.Schedules;
using Xunit;

namespace Tessera.Local.Tests.Hosting;

/// <summary>The local twin of the Functions timers reads the same NCRONTAB expression the same way (UTC, with seconds).</summary>
public sealed class LocalSchedulerTests
{
    private static readonly ScheduledJob Purge = ScheduledJobs.PurgeRunHistory;

    [Theory]
    // "0 30 3 * * *" = every day at 03:30:00 UTC.
    [InlineData("2026-12-02T12:00:00Z", "2026-12-03T03:30:00Z")]
    [InlineData("2026-12-03T03:29:59Z", "2026-12-03T03:30:00Z")] // one second before: today
    [InlineData("2026-12-03T03:30:00Z", "2026-12-04T03:30:00Z")] // exactly at it: strictly after, so tomorrow
    [InlineData("2026-12-31T23:59:59Z", "2027-01-01T03:30:00Z")]
    public void The_daily_purge_is_due_at_the_next_0330_utc(string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            LocalScheduler.NextOccurrence(Purge, DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void An_offset_time_is_read_in_utc()
    {
        // 05:00 at +02:00 is 03:00 UTC: the purge is due 30 minutes later, not the next day.
        var after = new DateTimeOffset(2026, 12, 3, 5, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 3, 30, 0, TimeSpan.Zero), LocalScheduler.NextOccurrence(Purge, after));
    }

    [Theory]
    [InlineData("30 3 * * *")] // five fields: the Functions host wants six
    [InlineData("0 61 3 * * *")]
    [InlineData("daily")]
    public void A_malformed_expression_is_a_typed_error_naming_the_job(string schedule)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => LocalScheduler.Parse(new ScheduledJob("Broken", schedule)));
        Assert.Equal("schedule.Broken", ex.Field);
    }

    [Fact]
    public async Task A_due_job_runs_and_a_failed_run_is_reported_without_stopping_the_schedule()
    {
        // Every second: the first run fails, the schedule goes on and runs it again.
        var calls = 0;
        var secondRun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new List<string>();
        var job = new ScheduledJob("EverySecond", "* * * * * *");
        await using (LocalScheduler.Start(
            [(job, _ =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    throw new InvalidOperationException("first run fails");
                }

                secondRun.TrySetResult();
                return Task.CompletedTask;
            })],
            TimeProvider.System,
            (name, ex) => { lock (errors) { errors.Add(name + ": " + ex.Message); } }))
        {
            await secondRun.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(["EverySecond: first run fails"], errors);
    }

    [Fact]
    public void A_malformed_expression_stops_the_start_before_any_job_runs()
    {
        var ran = false;
        Assert.Throws<TesseraValidationException>(() => LocalScheduler.Start(
            [(ScheduledJobs.PurgeRunHistory, _ => { ran = true; return Task.CompletedTask; }), (new ScheduledJob("Broken", "nope"), _ => Task.CompletedTask)],
            TimeProvider.System,
            (_, _) => { }));
        Assert.False(ran);
    }

    [Fact]
    public void Every_local_timer_is_a_scheduled_job_of_the_shared_table()
    {
        Assert.Equal(ScheduledJobs.All, LocalTimers.Jobs);
    }
}
