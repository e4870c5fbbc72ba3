namespace Tessera.Durable;

/// <summary>
/// Client side of the port: what hosts and application commands call. Method names mirror
/// Microsoft.DurableTask.Client.DurableTaskClient so the Azure adapter forwards each call in one line.
/// </summary>
public interface IOrchestrationClient
{
    /// <summary>
    /// Starts an instance. Instance id: [A-Za-z0-9_-], 1..64 chars (<see cref="InvalidInstanceIdException"/>),
    /// null = a new random id; an existing id raises <see cref="OrchestrationInstanceExistsException"/>.
    /// </summary>
    Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, string? instanceId = null, CancellationToken cancellationToken = default);

    /// <summary>The instance, or null when it does not exist.</summary>
    Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OrchestrationMetadata>> GetAllInstancesAsync(OrchestrationQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Delivers an event (persisted before this returns); dropped when the instance already finished.</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default);

    /// <summary>Terminates a non-terminal instance (no-op when already finished).</summary>
    Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance is Completed, Failed or Terminated and returns its final status.</summary>
    Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellationToken = default);
}
