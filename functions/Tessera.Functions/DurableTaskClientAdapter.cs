using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Port = Tessera.Durable;

namespace Tessera.Functions;

/// <summary>Presents Azure's DurableTaskClient as Tessera's client port (used by RunService in the HTTP functions).</summary>
public sealed class DurableTaskClientAdapter(DurableTaskClient inner) : Port.IOrchestrationClient
{
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        if (instanceId is not null && await inner.GetInstanceAsync(instanceId, cancellationToken) is not null)
        {
            throw new Port.OrchestrationInstanceExistsException(instanceId);
        }

        try
        {
            return await inner.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken);
        }
        catch (Exception) when (instanceId is not null && await inner.GetInstanceAsync(instanceId, cancellationToken) is not null)
        {
            // Lost a race with a concurrent start of the same id: report it as the conflict it is (409), not a 500.
            throw new Port.OrchestrationInstanceExistsException(instanceId);
        }
    }

    public async Task<Port.OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await inner.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) is { } m ? ToPort(m) : null;

    public async Task<IReadOnlyList<Port.OrchestrationMetadata>> GetAllInstancesAsync(Port.OrchestrationQuery? query = null, CancellationToken cancellationToken = default)
    {
        var filter = new OrchestrationQuery
        {
            FetchInputsAndOutputs = true,
            InstanceIdPrefix = query?.InstanceIdPrefix,
            Statuses = query?.Statuses?.Select(ToAzure).ToList(),
        };
        var list = new List<Port.OrchestrationMetadata>();
        await foreach (var m in inner.GetAllInstancesAsync(filter).WithCancellation(cancellationToken))
        {
            list.Add(ToPort(m));
        }

        return list;
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default) =>
        inner.RaiseEventAsync(instanceId, eventName, eventPayload, cancellationToken);

    public Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default) =>
        inner.TerminateInstanceAsync(instanceId, output, cancellationToken);

    public async Task<Port.OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ToPort(await inner.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken));

    /// <summary>Explicit mapping: Azure has statuses the port folds (ContinuedAsNew is still running; Canceled ended like Terminated).</summary>
    private static Port.OrchestrationRuntimeStatus ToPort(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => Port.OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.ContinuedAsNew => Port.OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Completed => Port.OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed => Port.OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Suspended => Port.OrchestrationRuntimeStatus.Suspended,
        _ => Port.OrchestrationRuntimeStatus.Terminated, // Terminated, Canceled
    };

    private static OrchestrationRuntimeStatus ToAzure(Port.OrchestrationRuntimeStatus status) => status switch
    {
        Port.OrchestrationRuntimeStatus.Pending => OrchestrationRuntimeStatus.Pending,
        Port.OrchestrationRuntimeStatus.Running => OrchestrationRuntimeStatus.Running,
        Port.OrchestrationRuntimeStatus.Completed => OrchestrationRuntimeStatus.Completed,
        Port.OrchestrationRuntimeStatus.Failed => OrchestrationRuntimeStatus.Failed,
        Port.OrchestrationRuntimeStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => OrchestrationRuntimeStatus.Terminated,
    };

    private static Port.OrchestrationMetadata ToPort(OrchestrationMetadata m) => new(
        m.InstanceId,
        m.Name,
        ToPort(m.RuntimeStatus),
        m.CreatedAt,
        m.LastUpdatedAt,
        m.SerializedInput,
        m.SerializedOutput,
        m.SerializedCustomStatus,
        m.FailureDetails is { } f ? new Port.TaskFailureDetails(f.ErrorType, f.ErrorMessage, f.StackTrace) : null);
}
