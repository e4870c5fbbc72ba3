namespace Tessera.Orchestrations.Application.Schedules;

/// <summary>A job both hosts run on the same schedule: Name = the Azure Function name, Schedule = its NCRONTAB expression (UTC, with seconds).</summary>
public sealed record ScheduledJob(string Name, string Schedule);

/// <summary>
/// The timers of Tessera, in one table: the Functions app declares each as a [TimerTrigger] with the constant below
/// (attributes need constants), the local host's scheduler (<c>tessera serve</c>) runs the same application command
/// on the same expression, and the parity test checks functions.metadata against <see cref="All"/>.
/// </summary>
public static class ScheduledJobs
{
    /// <summary>Daily at 03:30 UTC: purge the runtime history of finished runs older than the retention.</summary>
    public const string PurgeRunHistoryName = "PurgeRunHistory";
    public const string PurgeRunHistorySchedule = "0 30 3 * * *";

    /// <summary>The retention of the daily purge (setting TESSERA_RUN_HISTORY_RETENTION, default 30d), on both hosts.</summary>
    public const string RetentionVariable = "TESSERA_RUN_HISTORY_RETENTION";
    public const string DefaultRetention = "30d";

    public static readonly ScheduledJob PurgeRunHistory = new(PurgeRunHistoryName, PurgeRunHistorySchedule);

    public static IReadOnlyList<ScheduledJob> All { get; } = [PurgeRunHistory];
}
