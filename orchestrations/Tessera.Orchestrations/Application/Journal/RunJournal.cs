using Tessera.Orchestrations.Backtests;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Meta;

namespace Tessera.Orchestrations.Application.Journal;

/// <summary>
/// What the journal knows of one accepted run: the input it was accepted with (a life cycle's, a backtest run's or a
/// meta portfolio's) and its last outcome.
/// </summary>
public sealed record JournalRun(string RunId, DateTimeOffset AcceptedAt, LifeCycleInput? Input, JournalOutcome Outcome, string? Reason, BacktestRunInput? Backtest = null, MetaInput? Meta = null)
{
    /// <summary>Why status shows a journaled run Pending when the runtime does not hold it (never a 404).</summary>
    public const string NotHeldReason = "accepted; the runtime does not hold it right now, it is being scheduled again from the run journal";

    /// <summary>The orchestration that runs it.</summary>
    public string Orchestrator => Meta is not null ? MetaSteps.Orchestrator : Backtest is null ? LifeCycleSteps.Orchestrator : BacktestSteps.Orchestrator;

    /// <summary>
    /// The runs whose progress is this run's progress: for a meta, every sleeve it runs now as a sub-orchestration
    /// (nested metas' sleeves too, by <see cref="Tessera.Orchestrations.Meta.SleeveRunIds"/>); empty for other runs. While its sleeves run, a meta's
    /// own instance does not change, so a watch that judged it by its own updates alone would take it for stalled.
    /// </summary>
    public IReadOnlyList<string> SleeveRunsOfMeta()
    {
        var ids = new List<string>();
        if (Meta is { } meta)
        {
            AddSleeves(ids, meta.RunId, meta.Plan);
        }

        return ids;
    }

    private static void AddSleeves(List<string> ids, string metaRunId, MetaPlan plan)
    {
        foreach (var sleeve in plan.Sleeves)
        {
            if (sleeve.PinnedRunId is not null)
            {
                continue; // a completed run, not run by this meta
            }

            var child = Tessera.Orchestrations.Meta.SleeveRunIds.Of(metaRunId, sleeve.Name);
            ids.Add(child);
            if (sleeve.Meta is { } inner)
            {
                AddSleeves(ids, child, inner);
            }
        }
    }

    /// <summary>The input to schedule it with again.</summary>
    public object ScheduledInput => (object?)Meta ?? (object?)Backtest ?? Input ?? throw new InvalidOperationException($"journal entry {RunId} has no input");
}

/// <summary>Where an accepted run stands in the journal.</summary>
public enum JournalOutcome
{
    /// <summary>Recorded before the caller was told the run id; not yet seen finished.</summary>
    Accepted,

    /// <summary>The task hub had no record of it after a restart: scheduled again from the journaled input.</summary>
    Rescheduled,

    /// <summary>Scheduling it failed (the caller got an error, not a run id): nothing to recover.</summary>
    NotStarted,

    /// <summary>The task hub holds it in a terminal state: the journal's job is done.</summary>
    Settled,

    /// <summary>It could not be recovered; the reason says why. Shown by status and the API instead of a 404.</summary>
    Lost,

    /// <summary>
    /// Left in flight by an unclean stop of the storage and watched until it ends (<see cref="InFlightRunWatch"/>): an
    /// end other than a verified completion is not final, the run is scheduled again. Shown as still running.
    /// </summary>
    Recovering,
}

/// <summary>
/// A host's record of every run it accepted, written durably (fsync) before the caller is given the run id, so that
/// a run accepted just before a crash or a power cut is never silently forgotten: on restart the host compares the
/// journal with the task hub (<see cref="RunJournalReconciler"/>). Hosts whose storage is durable on its own (Azure)
/// need none.
/// </summary>
public interface IRunJournal
{
    Task RecordAcceptedAsync(LifeCycleInput input, DateTimeOffset acceptedAt, CancellationToken cancellationToken);

    Task RecordAcceptedAsync(BacktestRunInput input, DateTimeOffset acceptedAt, CancellationToken cancellationToken);

    /// <summary>A meta portfolio run (its resolved plan: rescheduled as is, nothing looked up by name again).</summary>
    Task RecordAcceptedAsync(MetaInput input, DateTimeOffset acceptedAt, CancellationToken cancellationToken);

    Task RecordOutcomeAsync(string runId, JournalOutcome outcome, string? reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every run the journal knows (after compaction: the unsettled and the lost ones), by run id.</summary>
    IReadOnlyDictionary<string, JournalRun> Runs { get; }
}
