namespace Tessera.Durable.Local;

/// <summary>What reaches an instance runner from outside its orchestration code.</summary>
internal abstract record InstanceMessage;

/// <summary>Outcome of an activity, timer or sub-orchestration identified by its task id.</summary>
internal sealed record TaskOutcomeMessage(HistoryEventType EventType, int TaskId, string? Payload, TaskFailureDetails? Failure) : InstanceMessage;

internal sealed record EventRaisedMessage(string Name, string? Payload, TaskCompletionSource Ack) : InstanceMessage;

internal sealed record TerminateMessage(string? Output, TaskCompletionSource Ack) : InstanceMessage;

/// <summary>Acknowledged once every message queued before it has been persisted (graceful stop).</summary>
internal sealed record FlushMessage(TaskCompletionSource Ack) : InstanceMessage;
