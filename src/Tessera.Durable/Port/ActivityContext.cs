namespace Tessera.Durable;

/// <summary>What an activity knows about its invocation. The token is cancelled when the host stops.</summary>
public sealed class ActivityContext
{
    public ActivityContext(string instanceId, string activityName, int taskId, CancellationToken cancellationToken)
    {
        InstanceId = instanceId;
        ActivityName = activityName;
        TaskId = taskId;
        CancellationToken = cancellationToken;
    }

    public string InstanceId { get; }

    public string ActivityName { get; }

    /// <summary>Position of the scheduling step in the orchestration (a retry is a new task id).</summary>
    public int TaskId { get; }

    public CancellationToken CancellationToken { get; }
}
