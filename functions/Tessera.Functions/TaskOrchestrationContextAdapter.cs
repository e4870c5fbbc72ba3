using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Port = Tessera.Durable;

namespace Tessera.Functions;

/// <summary>
/// Presents Azure's TaskOrchestrationContext as Tessera's orchestration port, so the workflows in
/// orchestrations/ run unchanged on Durable Functions. Every member forwards in one line.
/// </summary>
public sealed class TaskOrchestrationContextAdapter(TaskOrchestrationContext inner) : Port.OrchestrationContext
{
    public override string Name => inner.Name;

    public override string InstanceId => inner.InstanceId;

    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public override bool IsReplaying => inner.IsReplaying;

    public override T? GetInput<T>() where T : default => inner.GetInput<T>();

    public override Guid NewGuid() => inner.NewGuid();

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, Port.TaskOptions? options = null) =>
        inner.CallActivityAsync<TResult>(name, input, ToAzure(options));

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, Port.SubOrchestrationOptions? options = null)
    {
        // SubOrchestrationOptions(TaskOptions, id) rejects a null TaskOptions: use the (TaskRetryOptions?, id) constructor.
        TaskRetryOptions? retry = options?.Retry is { } r ? ToAzure(r) : null;
        return inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, new SubOrchestrationOptions(retry, options?.InstanceId));
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        inner.WaitForExternalEvent<T>(eventName, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) => inner.WaitForExternalEvent<T>(eventName, timeout);

    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        inner.ContinueAsNew(newInput!, preserveUnprocessedEvents);

    public override ILogger CreateReplaySafeLogger(string categoryName) => inner.CreateReplaySafeLogger(categoryName);

    private static TaskOptions? ToAzure(Port.TaskOptions? options) =>
        options?.Retry is { } r ? TaskOptions.FromRetryPolicy(ToAzure(r)) : null;

    private static RetryPolicy ToAzure(Port.RetryPolicy r) =>
        new(r.MaxNumberOfAttempts, r.FirstRetryInterval, r.BackoffCoefficient, r.MaxRetryInterval, r.RetryTimeout);
}
