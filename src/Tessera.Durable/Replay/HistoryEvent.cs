namespace Tessera.Durable;

public enum HistoryEventType
{
    ExecutionStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    SubOrchestrationCreated,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
    EventRaised,
    ExecutionCompleted,
    ExecutionFailed,
    ExecutionTerminated,
}

/// <summary>
/// One recorded event of an instance. <see cref="Sequence"/> is its position (row key in the history table);
/// <see cref="TaskId"/> links a scheduling event (TaskScheduled, TimerCreated, SubOrchestrationCreated) to its
/// outcome. <see cref="Timestamp"/> of inbound events is the orchestration's deterministic clock.
/// </summary>
public sealed record HistoryEvent(
    long Sequence,
    HistoryEventType EventType,
    DateTime Timestamp,
    string? Name = null,
    int TaskId = -1,
    string? Payload = null,
    TaskFailureDetails? Failure = null,
    string? ChildInstanceId = null,
    DateTime? FireAt = null)
{
    /// <summary>Events that schedule work (matched against the code on replay).</summary>
    public bool IsScheduling => EventType is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated or HistoryEventType.SubOrchestrationCreated;

    /// <summary>Events delivered to the orchestrator (they wake it and advance its clock).</summary>
    public bool IsInbound => EventType is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired
        or HistoryEventType.SubOrchestrationCompleted or HistoryEventType.SubOrchestrationFailed or HistoryEventType.EventRaised;
}

public enum StepKind
{
    Activity,
    SubOrchestration,
    Timer,
}

/// <summary>One step an orchestration scheduled: what the replay verifier compares.</summary>
public sealed record ScheduledStep(StepKind Kind, string Name, int TaskId)
{
    public override string ToString() => $"#{TaskId} {Kind} '{Name}'";

    internal static HistoryEventType EventTypeOf(StepKind kind) => kind switch
    {
        StepKind.Activity => HistoryEventType.TaskScheduled,
        StepKind.SubOrchestration => HistoryEventType.SubOrchestrationCreated,
        _ => HistoryEventType.TimerCreated,
    };

    internal static StepKind KindOf(HistoryEventType type) => type switch
    {
        HistoryEventType.TaskScheduled => StepKind.Activity,
        HistoryEventType.SubOrchestrationCreated => StepKind.SubOrchestration,
        HistoryEventType.TimerCreated => StepKind.Timer,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a scheduling event"),
    };
}

/// <summary>A step scheduled by the code that is not in history yet: the engine persists and dispatches it.</summary>
internal sealed record ScheduledAction(StepKind Kind, int TaskId, string Name, string? Input, string? ChildInstanceId, DateTime? FireAt);
