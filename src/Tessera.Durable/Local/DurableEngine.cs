using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Storage.Tables;

namespace Tessera.Durable.Local;

/// <summary>
/// The local durable engine: runs registered orchestrators and activities in this process, with history and
/// instance status in Table storage (Azurite locally). On <see cref="StartAsync"/> it resumes every instance that
/// is not finished by replaying its persisted history: activities whose completion was persisted never run again.
/// Activities run in parallel up to <see cref="DurableEngineOptions.MaxConcurrentActivities"/>. One engine owns a
/// task hub at a time (no leases between processes).
/// </summary>
public sealed class DurableEngine : IOrchestrationClient, IAsyncDisposable
{
    private readonly DurableEngineOptions _options;
    private readonly SemaphoreSlim _activitySlots;
    private readonly ConcurrentDictionary<string, InstanceRunner> _runners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _inflightActivities = new();
    private readonly CancellationTokenSource _drain = new();
    private readonly CancellationTokenSource _abort = new();
    private int _state;

    public DurableEngine(ITableStore tables, DurableRegistry registry, DurableEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(registry);
        _options = options ?? new DurableEngineOptions();
        if (_options.MaxConcurrentActivities < 1)
        {
            throw new Core.Errors.TesseraValidationException(nameof(DurableEngineOptions.MaxConcurrentActivities), _options.MaxConcurrentActivities.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be >= 1");
        }

        Registry = registry;
        Store = new DurableStore(tables, _options.TaskHubName, _options.MaxConcurrentStorageWrites);
        _activitySlots = new SemaphoreSlim(_options.MaxConcurrentActivities, _options.MaxConcurrentActivities);
        LoggerFactory = _options.LoggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger<DurableEngine>();
    }

    public DurableRegistry Registry { get; }

    public int MaxConcurrentActivities => _options.MaxConcurrentActivities;

    internal DurableStore Store { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger { get; }

    /// <summary>Creates the tables and resumes every Pending or Running instance. Returns the resumed ids.</summary>
    public async Task<IReadOnlyList<string>> StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("the engine was already started");
        }

        await Store.EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        var open = (await Store.ListInstancesAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => !r.Status.IsTerminal()).OrderBy(r => r.CreatedAt).ToList();

        // Register every runner before starting any, so a resumed child can always reach its resumed parent.
        var runners = open.Select(r => new InstanceRunner(this, r)).Where(r => _runners.TryAdd(r.InstanceId, r)).ToList();
        foreach (var runner in runners)
        {
            Launch(runner);
        }

        Logger.LogInformation("durable engine started; resumed {Count} instance(s)", runners.Count);
        return runners.Select(r => r.InstanceId).ToList();
    }

    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        Registry.GetOrchestrator(orchestratorName);
        var id = instanceId is null ? InstanceIds.NewId() : InstanceIds.Validate(instanceId);
        var json = DurableJson.Serialize(input, Registry.Json);
        if (json is not null && json.Length > DurableLimits.MaxPayloadChars)
        {
            throw new PayloadTooLargeException("input", json.Length, DurableLimits.MaxPayloadChars);
        }

        var now = _options.TimeProvider.GetUtcNow();
        var record = new InstanceRecord
        {
            InstanceId = id,
            Name = orchestratorName,
            Status = OrchestrationRuntimeStatus.Pending,
            Input = json,
            CreatedAt = now,
            LastUpdatedAt = now,
        };
        await Store.InsertInstanceAsync(record, cancellationToken).ConfigureAwait(false);
        StartRunner(record);
        return id;
    }

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var record = await Store.GetInstanceAsync(InstanceIds.Validate(instanceId), cancellationToken).ConfigureAwait(false);
        return record?.ToMetadata();
    }

    public async Task<IReadOnlyList<OrchestrationMetadata>> GetAllInstancesAsync(OrchestrationQuery? query = null, CancellationToken cancellationToken = default)
    {
        var all = await Store.ListInstancesAsync(cancellationToken).ConfigureAwait(false);
        return all
            .Where(r => query?.Statuses is not { Count: > 0 } statuses || statuses.Contains(r.Status))
            .Where(r => query?.InstanceIdPrefix is not { } prefix || r.InstanceId.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(r => r.CreatedAt)
            .ThenBy(r => r.InstanceId, StringComparer.Ordinal)
            .Select(r => r.ToMetadata())
            .ToList();
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var json = DurableJson.Serialize(eventPayload, Registry.Json);
        if (json is not null && json.Length > DurableLimits.MaxPayloadChars)
        {
            throw new PayloadTooLargeException("eventPayload", json.Length, DurableLimits.MaxPayloadChars);
        }

        var ack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_runners.TryGetValue(instanceId, out var runner) && runner.Post(new EventRaisedMessage(eventName, json, ack)))
        {
            await ack.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var record = await Store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new OrchestrationInstanceNotFoundException(instanceId);
        if (!record.Status.IsTerminal())
        {
            throw new InvalidOperationException($"instance {instanceId} is {record.Status} but not running in this engine (start the engine to resume it)");
        }
    }

    public async Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        var json = DurableJson.Serialize(output, Registry.Json);
        var ack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_runners.TryGetValue(instanceId, out var runner) && runner.Post(new TerminateMessage(json, ack)))
        {
            await ack.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var record = await Store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new OrchestrationInstanceNotFoundException(instanceId);
        if (record.Status.IsTerminal())
        {
            return;
        }

        // Not loaded here: mark it terminated so that no engine resumes it.
        record.Status = OrchestrationRuntimeStatus.Terminated;
        record.Output = json;
        record.LastUpdatedAt = _options.TimeProvider.GetUtcNow();
        await Store.SaveInstanceAsync(record, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var status = await GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
                ?? throw new OrchestrationInstanceNotFoundException(instanceId);
            if (status.IsCompleted)
            {
                return status;
            }

            if (_runners.TryGetValue(instanceId, out var runner) && !runner.Completion.IsCompleted)
            {
                await runner.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The persisted history of an instance, in order.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await Store.LoadHistoryAsync(InstanceIds.Validate(instanceId), deleteOrphans: false, cancellationToken).ConfigureAwait(false);

    /// <summary>Replays the instance's persisted history through the registered code (see <see cref="ReplayVerifier"/>).</summary>
    public async Task<ReplayResult> VerifyReplayAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var history = await GetHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return ReplayVerifier.Verify(Registry, instanceId, history);
    }

    /// <summary>
    /// Graceful stop: no new activity starts; running ones get <see cref="DurableEngineOptions.ShutdownTimeout"/> to
    /// finish and have their results persisted; then everything is cancelled. Unfinished instances stay Running in
    /// storage and resume on the next start.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return;
        }

        await _drain.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_inflightActivities.Keys.ToArray()).WaitAsync(_options.ShutdownTimeout).ConfigureAwait(false);
            var flushes = new List<Task>();
            foreach (var runner in _runners.Values)
            {
                var ack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (runner.Post(new FlushMessage(ack)))
                {
                    flushes.Add(ack.Task);
                }
            }

            await Task.WhenAll(flushes).WaitAsync(_options.ShutdownTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Logger.LogWarning("durable engine: activities still running after {Timeout}; cancelling them (they re-run after a restart)", _options.ShutdownTimeout);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            Logger.LogWarning(ex, "durable engine: flush before stop failed");
        }

        await _abort.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_runners.Values.Select(r => r.Completion)).WaitAsync(_options.ShutdownTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Logger.LogWarning("durable engine: some instance runners did not stop in time");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _state) == 1)
        {
            await StopAsync().ConfigureAwait(false);
        }

        _drain.Dispose();
        _abort.Dispose();

        // _activitySlots is not disposed: an activity that ignored cancellation may still release its slot later.
    }

    internal TimeProvider Clock => _options.TimeProvider;

    internal DateTime UtcNow() => _options.TimeProvider.GetUtcNow().UtcDateTime;

    internal void PostToInstance(string instanceId, InstanceMessage message)
    {
        if (_runners.TryGetValue(instanceId, out var runner))
        {
            runner.Post(message);
        }
    }

    internal void DispatchActivity(InstanceRunner runner, int generation, int taskId, string name, string? input)
    {
        if (_drain.IsCancellationRequested)
        {
            return;
        }

        var task = Task.Run(() => RunActivityAsync(runner, generation, taskId, name, input));
        _inflightActivities.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inflightActivities.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    internal void ArmTimer(InstanceRunner runner, int generation, int taskId, DateTime fireAt, CancellationToken cancellationToken) =>
        _ = Task.Run(async () =>
        {
            try
            {
                // Task.Delay caps near 49 days: wait in steps until the fire time.
                for (var due = fireAt - UtcNow(); due > TimeSpan.Zero; due = fireAt - UtcNow())
                {
                    var step = due < TimeSpan.FromDays(1) ? due : TimeSpan.FromDays(1);
                    await Task.Delay(step, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                }

                runner.Post(new TaskOutcomeMessage(HistoryEventType.TimerFired, taskId, null, null, generation));
            }
            catch (OperationCanceledException)
            {
                // timer cancelled by the orchestration, or engine stopping (re-armed from history after a restart)
            }
        });

    internal void DispatchSubOrchestration(InstanceRunner parent, int taskId, string name, string childInstanceId, string? input) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await StartChildAsync(parent, taskId, name, childInstanceId, input).ConfigureAwait(false);
            }
            catch (Exception ex) when (!_abort.IsCancellationRequested)
            {
                Logger.LogError(ex, "could not start sub-orchestration {Child} of {Parent}", childInstanceId, parent.InstanceId);
                parent.Post(new TaskOutcomeMessage(HistoryEventType.SubOrchestrationFailed, taskId, null, TaskFailureDetails.FromException(ex), ChildInstanceId: childInstanceId));
            }
            catch (OperationCanceledException)
            {
                // engine stopping: the parent re-dispatches from history after a restart
            }
        });

    private async Task StartChildAsync(InstanceRunner parent, int taskId, string name, string childInstanceId, string? input)
    {
        if (!Registry.HasOrchestrator(name))
        {
            var unknown = new UnknownOrchestrationNameException("orchestratorName", name, Registry.OrchestratorNames);
            parent.Post(new TaskOutcomeMessage(HistoryEventType.SubOrchestrationFailed, taskId, null, TaskFailureDetails.FromException(unknown), ChildInstanceId: childInstanceId));
            return;
        }

        var now = _options.TimeProvider.GetUtcNow();
        var record = new InstanceRecord
        {
            InstanceId = childInstanceId,
            Name = name,
            Status = OrchestrationRuntimeStatus.Pending,
            Input = input,
            CreatedAt = now,
            LastUpdatedAt = now,
            ParentInstanceId = parent.InstanceId,
            ParentTaskId = taskId,
        };
        try
        {
            await Store.InsertInstanceAsync(record, _abort.Token).ConfigureAwait(false);
            StartRunner(record);
            return;
        }
        catch (OrchestrationInstanceExistsException)
        {
            // Created before a restart (or the id is taken by an unrelated instance): look at what is there.
        }

        var existing = await Store.GetInstanceAsync(childInstanceId, _abort.Token).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"sub-orchestration {childInstanceId} vanished");
        if (!string.Equals(existing.ParentInstanceId, parent.InstanceId, StringComparison.Ordinal) || existing.ParentTaskId != taskId)
        {
            throw new OrchestrationInstanceExistsException(childInstanceId);
        }

        switch (existing.Status)
        {
            case OrchestrationRuntimeStatus.Completed:
                parent.Post(new TaskOutcomeMessage(HistoryEventType.SubOrchestrationCompleted, taskId, existing.Output, null, ChildInstanceId: childInstanceId));
                break;
            case OrchestrationRuntimeStatus.Failed:
            case OrchestrationRuntimeStatus.Terminated:
                parent.Post(new TaskOutcomeMessage(HistoryEventType.SubOrchestrationFailed, taskId, null, existing.Failure ?? InstanceRunner.TerminatedFailure(childInstanceId), ChildInstanceId: childInstanceId));
                break;
            default:
                StartRunner(existing);
                break;
        }
    }

    private async Task RunActivityAsync(InstanceRunner runner, int generation, int taskId, string name, string? input)
    {
        try
        {
            await _activitySlots.WaitAsync(_drain.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // stopping before it started: it runs after the restart
        }

        try
        {
            if (!Registry.TryGetActivity(name, out var activity))
            {
                throw new UnknownOrchestrationNameException("activityName", name, Registry.ActivityNames);
            }

            var output = await activity.Run(input, new ActivityContext(runner.InstanceId, name, taskId, _abort.Token)).ConfigureAwait(false);
            if (output is not null && output.Length > DurableLimits.MaxPayloadChars)
            {
                throw new PayloadTooLargeException("output of activity " + name, output.Length, DurableLimits.MaxPayloadChars);
            }

            runner.Post(new TaskOutcomeMessage(HistoryEventType.TaskCompleted, taskId, output, null, generation));
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Abandoned by a stopping engine: no outcome is recorded, so it runs again after a restart (at-least-once).
        }
        catch (Exception ex)
        {
            runner.Post(new TaskOutcomeMessage(HistoryEventType.TaskFailed, taskId, null, TaskFailureDetails.FromException(ex), generation));
        }
        finally
        {
            _activitySlots.Release();
        }
    }

    private void StartRunner(InstanceRecord record)
    {
        var runner = new InstanceRunner(this, record);
        if (_runners.TryAdd(record.InstanceId, runner))
        {
            Launch(runner);
        }
    }

    private void Launch(InstanceRunner runner) =>
        _ = Task.Run(async () =>
        {
            await runner.RunAsync(_abort.Token).ConfigureAwait(false);
            _runners.TryRemove(new KeyValuePair<string, InstanceRunner>(runner.InstanceId, runner));
        });

    private void EnsureRunning()
    {
        if (Volatile.Read(ref _state) != 1)
        {
            throw new InvalidOperationException("the durable engine is not running (call StartAsync first, and not after StopAsync)");
        }
    }
}
