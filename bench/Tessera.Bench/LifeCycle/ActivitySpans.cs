using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tessera.Bench.LifeCycle;

/// <summary>
/// One execution of an activity by the Durable Task worker, as its trace span recorded it, and, when the orchestrator
/// has seen its result, the span of the orchestrator's view: from the TaskScheduled event to the completion reaching it.
/// </summary>
public sealed record ActivitySpan(string InstanceId, string Name, int TaskId, DateTime StartUtc, TimeSpan Duration)
{
    public DateTime EndUtc => StartUtc + Duration;

    /// <summary>When the orchestrator scheduled it (the TaskScheduled event's timestamp); null if not recorded.</summary>
    public DateTime? ScheduledUtc { get; init; }

    /// <summary>From scheduling to the orchestrator receiving the result; null if not recorded.</summary>
    public TimeSpan? RoundTrip { get; init; }
}

/// <summary>
/// Records the Durable Task SDK's activity spans. The gRPC worker (Microsoft.DurableTask.Worker.Grpc) emits two spans
/// per activity on the ActivitySource <c>Microsoft.DurableTask</c>, both named <c>activity:&lt;name&gt;</c> and tagged
/// <c>durabletask.type=activity</c>, <c>durabletask.task.name</c>, <c>durabletask.task.instance_id</c> and
/// <c>durabletask.task.task_id</c>:
/// <list type="bullet">
/// <item>kind <see cref="ActivityKind.Server"/>: the execution of the work item (GrpcDurableTaskWorker.Processor
/// OnRunActivityAsync): resolving the activity, reading its input, running it, writing its output and handing the
/// result to the sidecar (an in-process gRPC call), nothing of the queues, tables or replays around it. This is the
/// activity compute.</item>
/// <item>kind <see cref="ActivityKind.Client"/>: emitted when the orchestrator receives the result, started at the
/// TaskScheduled event's timestamp: the orchestration's view of the step, overhead included.</item>
/// </list>
/// <para>
/// The worker only starts that span under a parent trace context carried by the TaskScheduled event, which exists only
/// if the client's <c>create_orchestration</c> span was recorded: this listener samples every span of the source
/// (client, orchestration and activity), so it must be in place before the instance is scheduled.
/// </para>
/// </summary>
public sealed class ActivitySpans : IDisposable
{
    public const string SourceName = "Microsoft.DurableTask";

    private readonly ConcurrentQueue<ActivitySpan> _spans = new();
    private readonly ConcurrentDictionary<(string InstanceId, int TaskId), (DateTime Start, TimeSpan Duration)> _roundTrips = new();
    private readonly ActivityListener _listener;

    public ActivitySpans()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => string.Equals(source.Name, SourceName, StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            SampleUsingParentId = (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The activity executions of one instance recorded so far, in start order.</summary>
    public IReadOnlyList<ActivitySpan> Of(string instanceId) =>
        [.. _spans
            .Where(s => string.Equals(s.InstanceId, instanceId, StringComparison.Ordinal))
            .Select(s => _roundTrips.TryGetValue((s.InstanceId, s.TaskId), out var r) ? s with { ScheduledUtc = r.Start, RoundTrip = r.Duration } : s)
            .OrderBy(s => s.StartUtc)
            .ThenBy(s => s.TaskId)];

    public void Dispose() => _listener.Dispose();

    private void OnStopped(Activity activity)
    {
        if (activity.GetTagItem("durabletask.type") is not "activity"
            || activity.GetTagItem("durabletask.task.instance_id") is not string instanceId
            || activity.GetTagItem("durabletask.task.name") is not string name)
        {
            return;
        }

        var taskId = activity.GetTagItem("durabletask.task.task_id") switch
        {
            int i => i,
            long l => (int)l,
            string s when int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => -1,
        };
        switch (activity.Kind)
        {
            case ActivityKind.Server:
                _spans.Enqueue(new ActivitySpan(instanceId, name, taskId, activity.StartTimeUtc, activity.Duration));
                break;
            case ActivityKind.Client:
                _roundTrips[(instanceId, taskId)] = (activity.StartTimeUtc, activity.Duration);
                break;
            default:
                break;
        }
    }
}
