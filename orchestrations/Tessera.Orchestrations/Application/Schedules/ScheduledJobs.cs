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

    // The order path's timers (issue 12 item 5). NCRONTAB is UTC and New York's offset moves with daylight saving, so
    // they tick through 13:00-21:59 UTC on weekdays (covering 09:30-16:00 New York in EST and EDT) and the code asks the
    // NYSE calendar whether anything is due (a scan slot, the exit window, the session). All of them do nothing unless
    // TESSERA_TRADING_ENABLED=true.

    /// <summary>Every 5 minutes: start the scan slot due now (New York scan times from config/trading.yaml), once per slot.</summary>
    public const string MarketScanTimerName = "MarketScanTimer";
    public const string MarketScanTimerSchedule = "0 */5 13-21 * * 1-5";

    /// <summary>Every minute: the circuit breaker's backstop poll (the 10 s poll runs in the local host and the stream service).</summary>
    public const string EquityPollBackstopName = "EquityPollBackstop";
    public const string EquityPollBackstopSchedule = "0 * 13-21 * * 1-5";

    /// <summary>Every minute, 30 s past: flatten positions within the exit-before-close window (early closes included).</summary>
    public const string ExitBeforeCloseTimerName = "ExitBeforeCloseTimer";
    public const string ExitBeforeCloseTimerSchedule = "30 * 13-21 * * 1-5";

    /// <summary>Weekdays 21:30 UTC (after the close in EST and EDT): reconcile orders with the broker, report every difference.</summary>
    public const string DailyReconciliationName = "DailyReconciliation";
    public const string DailyReconciliationSchedule = "0 30 21 * * 1-5";

    /// <summary>Weekdays 12:00 UTC (before the open): anchor the previous day's ledger and record the new day's budget.</summary>
    public const string DailyBudgetResetName = "DailyBudgetReset";
    public const string DailyBudgetResetSchedule = "0 0 12 * * 1-5";

    /// <summary>Every minute, 15 s past (the last minute's bar is complete at the broker): the live SEP desk's tick when sep.enabled and its cadence is due.</summary>
    public const string SepTickName = "SepTick";
    public const string SepTickSchedule = "15 * 13-21 * * 1-5";

    public static readonly ScheduledJob MarketScanTimer = new(MarketScanTimerName, MarketScanTimerSchedule);
    public static readonly ScheduledJob EquityPollBackstop = new(EquityPollBackstopName, EquityPollBackstopSchedule);
    public static readonly ScheduledJob ExitBeforeCloseTimer = new(ExitBeforeCloseTimerName, ExitBeforeCloseTimerSchedule);
    public static readonly ScheduledJob DailyReconciliation = new(DailyReconciliationName, DailyReconciliationSchedule);
    public static readonly ScheduledJob DailyBudgetReset = new(DailyBudgetResetName, DailyBudgetResetSchedule);
    public static readonly ScheduledJob SepTick = new(SepTickName, SepTickSchedule);

    public static IReadOnlyList<ScheduledJob> Trading { get; } = [MarketScanTimer, EquityPollBackstop, ExitBeforeCloseTimer, DailyReconciliation, DailyBudgetReset, SepTick];

    // The research timers (issue 16): config/research.yaml decides what they read; both run whether or not trading is enabled.

    /// <summary>Weekdays 22:00 UTC (after the close): refit the regime HMM when the persisted model is stale (regime.refit_days), publish REGIME_CHANGED.</summary>
    public const string RegimeRefitName = "RegimeRefit";
    public const string RegimeRefitSchedule = "0 0 22 * * 1-5";

    /// <summary>Mondays 13:00 UTC (09:00 New York in EDT, 08:00 in EST: before the open, SOP-03): the weekly fundamentals audit.</summary>
    public const string WeeklyDataAuditName = "WeeklyDataAudit";
    public const string WeeklyDataAuditSchedule = "0 0 13 * * 1";

    public static readonly ScheduledJob RegimeRefit = new(RegimeRefitName, RegimeRefitSchedule);
    public static readonly ScheduledJob WeeklyDataAudit = new(WeeklyDataAuditName, WeeklyDataAuditSchedule);

    public static IReadOnlyList<ScheduledJob> Research { get; } = [RegimeRefit, WeeklyDataAudit];

    public static IReadOnlyList<ScheduledJob> All { get; } = [PurgeRunHistory, .. Trading, .. Research];
}
