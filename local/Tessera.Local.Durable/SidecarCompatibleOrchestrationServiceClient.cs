using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Newtonsoft.Json.Linq;

namespace Tessera.Local.Durable;

/// <summary>
/// The <see cref="IOrchestrationServiceClient"/> handed to the sidecar, around the Azure Storage backend. The sidecar
/// reports a failed instance's <see cref="OrchestrationState.FailureDetails"/> to the client (the error type and its
/// inner failures, which callers branch on); the backend keeps only "ErrorType: message" in its instance table and leaves
/// <see cref="OrchestrationState.FailureDetails"/> empty. For a failed instance they are read back from the
/// <see cref="ExecutionCompletedEvent"/> in its history (recorded there by <see cref="SidecarHistoryFixes.AddFailureDetails"/>).
/// Single-instance reads only: query results stay as the backend gives them.
/// <para>
/// Waiting for an instance polls its status every <c>statusPollingInterval</c> instead of the backend's fixed 2 s,
/// which would add up to 2 s to every "run and wait" on one machine.
/// </para>
/// Everything else is delegated unchanged, including the query and purge interfaces the sidecar looks for.
/// </summary>
public sealed class SidecarCompatibleOrchestrationServiceClient(AzureStorageOrchestrationService backend, TimeSpan statusPollingInterval)
    : IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    public async Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) =>
        await WithFailureDetailsAsync(await backend.GetOrchestrationStateAsync(instanceId, executionId).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>The backend's wait (same end states, same timeout rule) with a shorter polling interval.</summary>
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var deadline = timeout == Timeout.InfiniteTimeSpan ? (DateTime?)null : DateTime.UtcNow + timeout;
        while (!cancellationToken.IsCancellationRequested)
        {
            var state = await backend.GetOrchestrationStateAsync(instanceId, executionId).ConfigureAwait(false);
            if (state is not null && !IsRunning(state.OrchestrationStatus))
            {
                return await WithFailureDetailsAsync(state).ConfigureAwait(false);
            }

            if (deadline is { } end && DateTime.UtcNow + statusPollingInterval > end)
            {
                break;
            }

            await Task.Delay(statusPollingInterval, cancellationToken).ConfigureAwait(false);
        }

        return null!;
    }

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        backend.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => backend.CreateTaskOrchestrationAsync(creationMessage);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) =>
        backend.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => backend.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => backend.SendTaskOrchestrationMessageBatchAsync(messages);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => backend.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => backend.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        backend.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        ((IOrchestrationServiceQueryClient)backend).GetOrchestrationWithQueryAsync(query, cancellationToken);

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => ((IOrchestrationServicePurgeClient)backend).PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) =>
        ((IOrchestrationServicePurgeClient)backend).PurgeInstanceStateAsync(purgeInstanceFilter);

    private static bool IsRunning(OrchestrationStatus status) =>
        status is OrchestrationStatus.Pending or OrchestrationStatus.Running or OrchestrationStatus.Suspended or OrchestrationStatus.ContinuedAsNew;

    private async Task<OrchestrationState> WithFailureDetailsAsync(OrchestrationState? state)
    {
        if (state is { OrchestrationStatus: OrchestrationStatus.Failed, FailureDetails: null })
        {
            var history = await backend.GetOrchestrationHistoryAsync(state.OrchestrationInstance.InstanceId, state.OrchestrationInstance.ExecutionId).ConfigureAwait(false);
            state.FailureDetails = LastFailure(history);
        }

        return state!;
    }

    /// <summary>The failure of the last <see cref="ExecutionCompletedEvent"/> in the backend's JSON history (null if it has none).</summary>
    internal static FailureDetails? LastFailure(string historyJson)
    {
        var completed = JArray.Parse(historyJson)
            .LastOrDefault(e => e.Value<int?>(nameof(HistoryEvent.EventType)) == (int)EventType.ExecutionCompleted);
        return completed?[nameof(ExecutionCompletedEvent.FailureDetails)] is JObject failure ? failure.ToObject<FailureDetails>() : null;
    }
}
