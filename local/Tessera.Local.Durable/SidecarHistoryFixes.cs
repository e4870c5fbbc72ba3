using DurableTask.Core;
using DurableTask.Core.History;

namespace Tessera.Local.Durable;

/// <summary>
/// The mismatches between the preview Durable Task sidecar (Microsoft.DurableTask.InProcessTestHost 0.2.3-preview.1)
/// and the Azure Storage backend, repaired on what the sidecar hands to <c>CompleteTaskOrchestrationWorkItemAsync</c>.
/// Without them a sub-orchestration never starts and its parent stays Running forever (AZURE.md).
/// </summary>
internal static class SidecarHistoryFixes
{
    /// <summary>
    /// Mismatch 1: the sidecar copies the protobuf <c>MapField&lt;string,string&gt;</c> of a sub-orchestration's tags into
    /// its <see cref="ExecutionStartedEvent.Tags"/>. The backend serializes queue messages with Newtonsoft type names and
    /// cannot resolve that type when it reads the message back, so the child never starts.
    /// </summary>
    public static void NormalizeMessages(IEnumerable<TaskMessage>? messages)
    {
        if (messages is null)
        {
            return;
        }

        foreach (var message in messages)
        {
            NormalizeMessage(message);
        }
    }

    public static void NormalizeMessage(TaskMessage? message)
    {
        if (message?.Event is { } historyEvent)
        {
            NormalizeTags(historyEvent);
        }
    }

    /// <summary>
    /// Mismatch 2: the sidecar records a <c>GrpcSubOrchestrationInstanceCreatedEvent</c> (a subclass carrying a trace
    /// context) in the parent's history. The backend's history table writes a subclass without its <c>EventType</c> and
    /// then cannot reload the parent. Each subclassed event is replaced, in place in every list of the runtime state, by
    /// the base type with the same fields. The trace context is dropped: it only correlates traces.
    /// </summary>
    /// <remarks>
    /// Replacing list entries in place is enough: <see cref="SubOrchestrationInstanceCreatedEvent"/> is not one of the
    /// events <see cref="OrchestrationRuntimeState"/> keeps a reference to (ExecutionStarted/Completed), and the backend
    /// writes <see cref="OrchestrationRuntimeState.NewEvents"/> with row keys from the count of
    /// <see cref="OrchestrationRuntimeState.Events"/>, which does not change.
    /// </remarks>
    public static void NormalizeRuntimeState(OrchestrationRuntimeState? state)
    {
        if (state is null)
        {
            return;
        }

        var replacements = new Dictionary<HistoryEvent, HistoryEvent>(ReferenceEqualityComparer.Instance);
        ReplaceSubclassedEvents(state.NewEvents, replacements);
        ReplaceSubclassedEvents(state.PastEvents, replacements);
        ReplaceSubclassedEvents(state.Events, replacements);
        foreach (var historyEvent in state.NewEvents)
        {
            NormalizeTags(historyEvent);
        }
    }

    /// <summary>
    /// Mismatch 3: the sidecar records a failed orchestration's <see cref="ExecutionCompletedEvent"/> without its
    /// <see cref="FailureDetails"/> ("not being stored in the orchestration history, currently"); it passes them only in
    /// the <see cref="OrchestrationState"/>, which the backend does not store. Durable Task Core's dispatcher, which runs
    /// in Azure, records them: the backend then stores them in the history and reports "ErrorType: message" as the
    /// instance's output. Without this the output says what failed but not with which exception type.
    /// </summary>
    public static void AddFailureDetails(OrchestrationRuntimeState? state, FailureDetails? failureDetails)
    {
        if (state?.ExecutionCompletedEvent is not { FailureDetails: null } completed || failureDetails is null || !state.NewEvents.Contains(completed))
        {
            return;
        }

        // The event's FailureDetails has no public setter: replace the event (the state keeps a reference to it too).
        var replacement = new ExecutionCompletedEvent(completed.EventId, completed.Result, completed.OrchestrationStatus, failureDetails)
        {
            Timestamp = completed.Timestamp,
            IsPlayed = completed.IsPlayed,
            ExtensionData = completed.ExtensionData,
        };
        Replace(state.NewEvents, completed, replacement);
        Replace(state.Events, completed, replacement);
        state.ExecutionCompletedEvent = replacement;
    }

    private static void Replace(IList<HistoryEvent> events, HistoryEvent original, HistoryEvent replacement)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (ReferenceEquals(events[i], original))
            {
                events[i] = replacement;
            }
        }
    }

    private static void ReplaceSubclassedEvents(IList<HistoryEvent> events, Dictionary<HistoryEvent, HistoryEvent> replacements)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                if (!replacements.TryGetValue(created, out var replacement))
                {
                    replacement = ToBaseType(created);
                    replacements.Add(created, replacement);
                }

                events[i] = replacement;
            }
        }
    }

    private static SubOrchestrationInstanceCreatedEvent ToBaseType(SubOrchestrationInstanceCreatedEvent source) => new(source.EventId)
    {
        Timestamp = source.Timestamp,
        IsPlayed = source.IsPlayed,
        ExtensionData = source.ExtensionData,
        Name = source.Name,
        Version = source.Version,
        InstanceId = source.InstanceId,
        Input = source.Input,
        ClientSpanId = source.ClientSpanId,
        Tags = PlainTags(source.Tags),
    };

    private static void NormalizeTags(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case ExecutionStartedEvent started:
                started.Tags = PlainTags(started.Tags);
                break;
            case SubOrchestrationInstanceCreatedEvent created:
                created.Tags = PlainTags(created.Tags);
                break;
            case TaskScheduledEvent scheduled:
                scheduled.Tags = PlainTags(scheduled.Tags);
                break;
        }
    }

    /// <summary>A <see cref="Dictionary{TKey,TValue}"/> stays as it is; any other dictionary type is copied into one (null when empty).</summary>
    internal static IDictionary<string, string>? PlainTags(IDictionary<string, string>? tags)
    {
        if (tags is null || tags.GetType() == typeof(Dictionary<string, string>))
        {
            return tags;
        }

        return tags.Count == 0 ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);
    }
}
