using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace Tessera.Local.Durable;

/// <summary>
/// The <see cref="IOrchestrationService"/> handed to the preview Durable Task sidecar, around the Azure Storage backend.
/// It repairs what the sidecar and the backend disagree on:
/// <list type="bullet">
/// <item>the history and messages of an orchestration step (<see cref="SidecarHistoryFixes"/>), before they are committed;</item>
/// <item>lock renewal of in-flight work items, which Durable Task Core's dispatchers do and the sidecar's do not, and
/// their abandonment at shutdown (<see cref="InFlightWorkItems"/>);</item>
/// <item>the backend's lifecycle: the owner starts the backend before the sidecar and stops it after, so the sidecar's
/// own start (from an async void callback, where a failure would crash the process) and stop calls are ignored.</item>
/// </list>
/// Everything else is delegated unchanged.
/// </summary>
public sealed class SidecarCompatibleOrchestrationService : IOrchestrationService, IDisposable
{
    private readonly IOrchestrationService _inner;
    private readonly InFlightWorkItems _inFlight;
    private readonly TimeSpan _orchestrationRenewInterval;
    private readonly TimeSpan _activityRenewInterval;

    /// <param name="inner">the backend</param>
    /// <param name="controlQueueVisibilityTimeout">the backend's lock duration of an orchestration work item</param>
    /// <param name="workItemQueueVisibilityTimeout">the backend's lock duration of an activity work item</param>
    /// <param name="logger">where failed renewals are reported</param>
    public SidecarCompatibleOrchestrationService(
        IOrchestrationService inner,
        TimeSpan controlQueueVisibilityTimeout,
        TimeSpan workItemQueueVisibilityTimeout,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(logger);
        _inner = inner;
        _inFlight = new InFlightWorkItems(logger);

        // Renew at a third of the lock duration: two renewals may fail before the lock is lost.
        _orchestrationRenewInterval = controlQueueVisibilityTimeout / 3;
        _activityRenewInterval = workItemQueueVisibilityTimeout / 3;
    }

    public int TaskOrchestrationDispatcherCount => _inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => _inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => _inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => _inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => _inner.MaxConcurrentTaskActivityWorkItems;

    /// <summary>Starts the backend: called by the owner before the sidecar runs (see <see cref="StartAsync()"/>).</summary>
    public Task StartBackendAsync() => _inner.StartAsync();

    /// <summary>
    /// Abandons the work items the sidecar still holds (their worker is gone: they come back at once for the next
    /// runtime), then stops the backend, releasing its partition leases. Called by the owner after the sidecar stopped.
    /// </summary>
    public async Task StopBackendAsync(bool isForced)
    {
        await _inFlight.AbandonAllAsync().ConfigureAwait(false);
        _inFlight.Dispose();
        await _inner.StopAsync(isForced).ConfigureAwait(false);
    }

    /// <summary>Ignored: the sidecar calls this once a worker connects; the owner has started the backend already.</summary>
    public Task StartAsync() => Task.CompletedTask;

    /// <summary>Ignored: the owner stops the backend, bounded, after the sidecar (<see cref="StopBackendAsync"/>).</summary>
    public Task StopAsync() => Task.CompletedTask;

    /// <inheritdoc cref="StopAsync()"/>
    public Task StopAsync(bool isForced) => Task.CompletedTask;

    public Task CreateAsync() => _inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => _inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => _inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => _inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => _inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        _inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => _inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => _inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await _inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is not null)
        {
            _inFlight.Start(
                workItem,
                workItem.InstanceId,
                _orchestrationRenewInterval,
                () => _inner.RenewTaskOrchestrationWorkItemLockAsync(workItem),
                async () =>
                {
                    await _inner.AbandonTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
                    await _inner.ReleaseTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
                });
        }

        return workItem!;
    }

    /// <summary>The sidecar renews only between continue-as-new generations; while the background renewal runs it would race it for the pop receipts.</summary>
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        _inFlight.IsRenewing(workItem) ? Task.CompletedTask : _inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(workItem);

        // The backend writes the new state's events (and reads the work item's state for the previous execution).
        SidecarHistoryFixes.NormalizeRuntimeState(newOrchestrationRuntimeState);
        if (!ReferenceEquals(workItem.OrchestrationRuntimeState, newOrchestrationRuntimeState))
        {
            SidecarHistoryFixes.NormalizeRuntimeState(workItem.OrchestrationRuntimeState);
        }

        SidecarHistoryFixes.AddFailureDetails(newOrchestrationRuntimeState, orchestrationState?.FailureDetails);
        SidecarHistoryFixes.NormalizeMessages(orchestratorMessages);
        SidecarHistoryFixes.NormalizeMessages(outboundMessages);
        SidecarHistoryFixes.NormalizeMessages(timerMessages);
        SidecarHistoryFixes.NormalizeMessage(continuedAsNewMessage);

        await _inFlight.EndAsync(workItem).ConfigureAwait(false);
        await _inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem,
            newOrchestrationRuntimeState,
            outboundMessages,
            orchestratorMessages,
            timerMessages,
            continuedAsNewMessage,
            orchestrationState).ConfigureAwait(false);
    }

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await _inFlight.EndAsync(workItem).ConfigureAwait(false);
        await _inner.AbandonTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
    }

    /// <summary>The sidecar always releases an orchestration work item last, whatever happened before.</summary>
    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await _inFlight.EndAsync(workItem).ConfigureAwait(false);
        await _inner.ReleaseTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await _inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is not null)
        {
            _inFlight.Start(
                workItem,
                workItem.Id,
                _activityRenewInterval,
                () => _inner.RenewTaskActivityWorkItemLockAsync(workItem),
                () => _inner.AbandonTaskActivityWorkItemAsync(workItem));
        }

        return workItem!;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        _inFlight.IsRenewing(workItem) ? Task.FromResult(workItem) : _inner.RenewTaskActivityWorkItemLockAsync(workItem);

    /// <summary>The sidecar never releases activity work items: renewal ends on complete or abandon.</summary>
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await _inFlight.EndAsync(workItem).ConfigureAwait(false);
        await _inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage).ConfigureAwait(false);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await _inFlight.EndAsync(workItem).ConfigureAwait(false);
        await _inner.AbandonTaskActivityWorkItemAsync(workItem).ConfigureAwait(false);
    }

    public void Dispose() => _inFlight.Dispose();
}
