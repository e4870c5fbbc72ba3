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

        return await inner.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken);
    }

    public async Task<Port.OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await inner.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) is { } m ? ToPort(m) : null;

    public async Task<IReadOnlyList<Port.OrchestrationMetadata>> GetAllInstancesAsync(Port.OrchestrationQuery? query = null, CancellationToken cancellationToken = default)
    {
        var list = new List<Port.OrchestrationMetadata>();
        await foreach (var m in inner.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true, InstanceIdPrefix = query?.InstanceIdPrefix }).WithCancellation(cancellationToken))
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

    private static Port.OrchestrationMetadata ToPort(OrchestrationMetadata m) => new(
        m.InstanceId,
        m.Name,
        Enum.Parse<Port.OrchestrationRuntimeStatus>(m.RuntimeStatus.ToString()),
        m.CreatedAt,
        m.LastUpdatedAt,
        m.SerializedInput,
        m.SerializedOutput,
        m.SerializedCustomStatus,
        m.FailureDetails is { } f ? new Port.TaskFailureDetails(f.ErrorType, f.ErrorMessage, f.StackTrace) : null);
}
