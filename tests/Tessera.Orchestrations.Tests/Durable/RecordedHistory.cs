using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Tessera.Local.Durable;

namespace Tessera.Orchestrations.Tests.Durable;

/// <summary>
/// The history an orchestration recorded in the Azure Storage backend's history table, read back as DurableTask.Core
/// events. The backend hands it out as JSON without type names; each event's EventType picks its concrete type.
/// </summary>
public static class RecordedHistory
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    });

    public static async Task<IReadOnlyList<HistoryEvent>> ReadAsync(EmbeddedDurableRuntime runtime, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var json = await runtime.Backend.GetOrchestrationHistoryAsync(instanceId, null).ConfigureAwait(false);
        var events = new List<HistoryEvent>();
        foreach (var token in JArray.Parse(json))
        {
            var type = TypeOf(token["EventType"]!.ToObject<EventType>());
            events.Add((HistoryEvent)token.ToObject(type, Serializer)!);
        }

        return events;
    }

    private static Type TypeOf(EventType eventType) => eventType switch
    {
        EventType.ExecutionStarted => typeof(ExecutionStartedEvent),
        EventType.ExecutionCompleted => typeof(ExecutionCompletedEvent),
        EventType.ExecutionTerminated => typeof(ExecutionTerminatedEvent),
        EventType.OrchestratorStarted => typeof(OrchestratorStartedEvent),
        EventType.OrchestratorCompleted => typeof(OrchestratorCompletedEvent),
        EventType.TaskScheduled => typeof(TaskScheduledEvent),
        EventType.TaskCompleted => typeof(TaskCompletedEvent),
        EventType.TaskFailed => typeof(TaskFailedEvent),
        EventType.SubOrchestrationInstanceCreated => typeof(SubOrchestrationInstanceCreatedEvent),
        EventType.SubOrchestrationInstanceCompleted => typeof(SubOrchestrationInstanceCompletedEvent),
        EventType.SubOrchestrationInstanceFailed => typeof(SubOrchestrationInstanceFailedEvent),
        EventType.TimerCreated => typeof(TimerCreatedEvent),
        EventType.TimerFired => typeof(TimerFiredEvent),
        EventType.EventRaised => typeof(EventRaisedEvent),
        EventType.EventSent => typeof(EventSentEvent),
        EventType.ContinueAsNew => typeof(ContinueAsNewEvent),
        EventType.GenericEvent => typeof(GenericEvent),
        EventType.HistoryState => typeof(HistoryStateEvent),
        EventType.ExecutionSuspended => typeof(ExecutionSuspendedEvent),
        EventType.ExecutionResumed => typeof(ExecutionResumedEvent),
        _ => throw new NotSupportedException("history event type " + eventType),
    };
}
