using System.Text;
using DurableTask.Core.History;

namespace Tessera.Orchestrations.Tests.Durable;

/// <summary>One serialized input or output recorded in a durable history, with where it was.</summary>
public sealed record DurablePayload(string Where, int Bytes);

/// <summary>Every input and output an orchestration exchanged through its history (what the 16 KB rule bounds).</summary>
public static class DurablePayloads
{
    public static IEnumerable<DurablePayload> Of(IEnumerable<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var names = new Dictionary<int, string>();
        foreach (var e in history)
        {
            switch (e)
            {
                case ExecutionStartedEvent started:
                    yield return Payload("orchestration input " + started.Name, started.Input);
                    break;
                case TaskScheduledEvent scheduled:
                    names[scheduled.EventId] = scheduled.Name ?? "?";
                    yield return Payload($"input of {scheduled.Name} #{scheduled.EventId}", scheduled.Input);
                    break;
                case TaskCompletedEvent completed:
                    yield return Payload($"output of {names.GetValueOrDefault(completed.TaskScheduledId, "?")} #{completed.TaskScheduledId}", completed.Result);
                    break;
                case SubOrchestrationInstanceCreatedEvent created:
                    yield return Payload("input of sub-orchestration " + created.Name, created.Input);
                    break;
                case SubOrchestrationInstanceCompletedEvent subCompleted:
                    yield return Payload("output of sub-orchestration #" + subCompleted.TaskScheduledId, subCompleted.Result);
                    break;
                case ExecutionCompletedEvent done:
                    yield return Payload("orchestration output", done.Result);
                    break;
            }
        }
    }

    private static DurablePayload Payload(string where, string? json) => new(where, json is null ? 0 : Encoding.UTF8.GetByteCount(json));
}
