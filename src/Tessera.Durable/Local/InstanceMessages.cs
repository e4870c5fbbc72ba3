namespace Tessera.Durable.Local;

/// <summary>What reaches an instance runner from outside its orchestration code.</summary>
internal abstract record InstanceMessage;

/// <summary>
/// Outcome of an activity, timer or sub-orchestration identified by its task id. Task ids restart at 0 after
/// ContinueAsNew, so activity and timer outcomes carry the generation that dispatched them and sub-orchestration
/// outcomes the child instance id; anything else is stale and dropped.
/// </summary>
internal sealed record TaskOutcomeMessage(HistoryEventType EventType, int TaskId, string? Payload, TaskFailureDetails? Failure, int Generation = -1, string? ChildInstanceId = null) : InstanceMessage;

internal sealed record EventRaisedMessage(string Name, string? Payload, TaskCompletionSource Ack) : InstanceMessage;

internal sealed record TerminateMessage(string? Output, TaskCompletionSource Ack) : InstanceMessage;

/// <summary>Acknowledged once every message queued before it has been persisted (graceful stop).</summary>
internal sealed record FlushMessage(TaskCompletionSource Ack) : InstanceMessage;

/// <summary>The orchestrator code resumed from a non-durable task (see OrchestrationPump.ForeignContinuation).</summary>
internal sealed record ForeignContinuationMessage : InstanceMessage;
