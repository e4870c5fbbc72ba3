namespace Tessera.Durable;

/// <summary>Options of a scheduled task (mirrors Microsoft.DurableTask.TaskOptions).</summary>
public record TaskOptions(RetryPolicy? Retry = null)
{
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>Options of a sub-orchestration: retry and an explicit child instance id (mirrors SubOrchestrationOptions).</summary>
public sealed record SubOrchestrationOptions(RetryPolicy? Retry = null, string? InstanceId = null) : TaskOptions(Retry);
