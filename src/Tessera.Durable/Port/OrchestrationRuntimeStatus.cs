namespace Tessera.Durable;

/// <summary>Runtime status of an instance (names as in Microsoft.DurableTask.Client.OrchestrationRuntimeStatus).</summary>
public enum OrchestrationRuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,

    /// <summary>Paused by a client (Azure's SuspendInstanceAsync); the local engine never suspends.</summary>
    Suspended,
}

public static class OrchestrationRuntimeStatusExtensions
{
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
