using Microsoft.Extensions.Logging;

namespace Tessera.Durable;

/// <summary>
/// The orchestration port. It mirrors Microsoft.DurableTask.TaskOrchestrationContext member for member so the
/// Azure adapter (functions/) is a thin forwarding class, and the local engine implements it with replay.
/// Orchestrator code must be deterministic: only this context's clock, guid, activities, timers and events,
/// no ConfigureAwait(false), no Task.Run, no I/O.
/// </summary>
public abstract class OrchestrationContext
{
    /// <summary>The registered name of the running orchestrator.</summary>
    public abstract string Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>Deterministic clock: the timestamp of the history event being processed (UTC).</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-runs over events already recorded in history.</summary>
    public abstract bool IsReplaying { get; }

    public abstract T? GetInput<T>();

    /// <summary>Deterministic, name-based (UUID v5) guid: the same value on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>Schedules an activity; failure surfaces as <see cref="TaskFailedException"/>.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules a sub-orchestration; its failure surfaces as <see cref="TaskFailedException"/>.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, SubOrchestrationOptions? options = null);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC); cancelling the token cancels the task.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Waits for an event raised with <paramref name="eventName"/> (case-insensitive); buffered if raised earlier.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>As above with a durable timeout: throws <see cref="TaskCanceledException"/> when it expires.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout);

    /// <summary>Custom status visible in status queries; at most <see cref="DurableLimits.MaxCustomStatusBytes"/> bytes of JSON.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Restarts the instance with <paramref name="newInput"/> and an empty history once the orchestrator returns
    /// (the return value is discarded). Events raised but not consumed are carried over when asked.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A logger that writes nothing while <see cref="IsReplaying"/> is true.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, SubOrchestrationOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);
}
