namespace Tessera.Orchestrations.Application.History;

/// <summary>
/// One event of an orchestration's history as the Durable Task Azure Storage backend records it (one row of the task
/// hub's History table): the fields the step view needs, nothing else (inputs and results stay where they are).
/// </summary>
/// <param name="EventType">the DurableTask.Core event type name: TaskScheduled, TaskCompleted, TaskFailed, ...</param>
/// <param name="EventId">the task id of a TaskScheduled event (-1 for events that have none).</param>
/// <param name="Name">the activity name of a TaskScheduled event.</param>
/// <param name="TaskScheduledId">which TaskScheduled event a TaskCompleted or TaskFailed event answers.</param>
/// <param name="Timestamp">when the runtime created the event.</param>
public sealed record HistoryRecord(string EventType, int EventId, string? Name, int? TaskScheduledId, DateTimeOffset Timestamp);
