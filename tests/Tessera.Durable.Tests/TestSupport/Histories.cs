namespace Tessera.Durable.Tests.TestSupport;

/// <summary>Hand-written histories for replay tests (sequence numbers assigned by position).</summary>
public static class Histories
{
    public static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    public static IReadOnlyList<HistoryEvent> Of(params HistoryEvent[] events) =>
        events.Select((e, i) => e with { Sequence = i }).ToList();

    public static HistoryEvent Started(string name, string? input = null) => new(0, HistoryEventType.ExecutionStarted, T0, name, -1, input);

    public static HistoryEvent Scheduled(int taskId, string name, int atMs = 0) => new(0, HistoryEventType.TaskScheduled, T0.AddMilliseconds(atMs), name, taskId);

    public static HistoryEvent Completed(int taskId, string? result, int atMs) => new(0, HistoryEventType.TaskCompleted, T0.AddMilliseconds(atMs), null, taskId, result);

    public static HistoryEvent TimerCreated(int taskId, int fireAtMs, int atMs = 0) =>
        new(0, HistoryEventType.TimerCreated, T0.AddMilliseconds(atMs), "timer", taskId, FireAt: T0.AddMilliseconds(fireAtMs));

    public static HistoryEvent TimerFired(int taskId, int atMs) => new(0, HistoryEventType.TimerFired, T0.AddMilliseconds(atMs), "timer", taskId);
}
