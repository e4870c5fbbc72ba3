using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tessera.Local.Durable;

/// <summary>
/// The work items the sidecar holds, from lock to complete/abandon/release.
/// <list type="bullet">
/// <item>Their queue messages are kept invisible while they run. Durable Task Core's dispatchers renew these locks in
/// the background; the preview sidecar's dispatchers never do, so an activity running longer than the visibility timeout
/// would be dequeued and executed a second time (here or in another process), and the short visibility timeouts that
/// bring a killed process's work back quickly would be unusable.</item>
/// <item>On shutdown the ones that never finished are abandoned, so their messages come back within seconds for the next
/// runtime on the task hub instead of after the visibility timeout.</item>
/// </list>
/// </summary>
internal sealed class InFlightWorkItems : IDisposable
{
    private readonly ConcurrentDictionary<object, Entry> _active = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _disposed = new();
    private readonly ILogger _logger;

    public InFlightWorkItems(ILogger logger) => _logger = logger;

    /// <summary>Starts renewing <paramref name="workItem"/> every <paramref name="interval"/> until it is ended.</summary>
    public void Start(object workItem, string workItemId, TimeSpan interval, Func<Task> renew, Func<Task> abandon)
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        var entry = new Entry(workItemId, cancellation, RenewLoopAsync(workItemId, interval, renew, cancellation.Token), abandon);
        if (!_active.TryAdd(workItem, entry))
        {
            cancellation.Cancel();
            cancellation.Dispose();
        }
    }

    public bool IsRenewing(object workItem) => _active.ContainsKey(workItem);

    /// <summary>
    /// The work item is being completed, abandoned or released: stops its renewal and waits for a renewal in progress,
    /// so the caller never races a renewal for the message's pop receipt.
    /// </summary>
    public async Task EndAsync(object workItem)
    {
        if (_active.TryRemove(workItem, out var entry))
        {
            await StopRenewalAsync(entry).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Abandons every work item still held (call only once nothing can complete them any more: the worker and the
    /// sidecar are stopped). Best effort: a failure only means the message comes back after its visibility timeout.
    /// </summary>
    public async Task AbandonAllAsync()
    {
        foreach (var workItem in _active.Keys)
        {
            if (!_active.TryRemove(workItem, out var entry))
            {
                continue;
            }

            await StopRenewalAsync(entry).ConfigureAwait(false);
            try
            {
                await entry.Abandon().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Abandoning work item {WorkItemId} at shutdown failed", entry.WorkItemId);
            }
        }
    }

    /// <summary>Stops every renewal without waiting.</summary>
    /// <remarks>The token source is cancelled, not disposed: a late <see cref="Start"/> may still link to it.</remarks>
    public void Dispose() => _disposed.Cancel();

    private static async Task StopRenewalAsync(Entry entry)
    {
        await entry.Cancellation.CancelAsync().ConfigureAwait(false);
        await entry.RenewLoop.ConfigureAwait(false);
        entry.Cancellation.Dispose();
    }

    private async Task RenewLoopAsync(string workItemId, TimeSpan interval, Func<Task> renew, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await renew().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Keep trying: a transient storage error must not end the renewal of a long activity.
                    _logger.LogWarning(ex, "Renewing the lock of work item {WorkItemId} failed", workItemId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ended: the work item completed, was abandoned, or the runtime is shutting down.
        }
    }

    private sealed record Entry(string WorkItemId, CancellationTokenSource Cancellation, Task RenewLoop, Func<Task> Abandon);
}
