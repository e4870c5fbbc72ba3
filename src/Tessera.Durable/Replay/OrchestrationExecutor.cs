using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Core.Errors;

namespace Tessera.Durable;

/// <summary>
/// Runs one orchestrator function against its history, without I/O. The engine (and the replay verifier) feeds it
/// the recorded ExecutionStarted event, then each inbound event in order; the executor completes the matching
/// pending task and runs the code until it is idle. Steps the code schedules are matched against the recorded
/// scheduling events by task id (a mismatch is fatal: <see cref="NonDeterministicOrchestrationException"/>);
/// steps beyond history are collected as new actions for the engine to persist and dispatch.
/// </summary>
internal sealed record ContinueAsNewRequest(string? Input, bool PreserveUnprocessedEvents);

internal sealed class OrchestrationExecutor : OrchestrationContext
{
    internal const string TimerName = "timer";

    private readonly OrchestratorRegistration _orchestrator;
    private readonly JsonSerializerOptions _json;
    private readonly ILoggerFactory _loggers;
    private readonly OrchestrationPump _pump = new();
    private readonly Dictionary<int, HistoryEvent> _recorded = [];
    private readonly Dictionary<int, PendingTask> _pending = [];
    private readonly HashSet<int> _cancelledTimers = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ScheduledAction> _newActions = [];
    private readonly List<ScheduledStep> _steps = [];
    private readonly List<int> _newlyCancelledTimers = [];
    private string? _input;
    private DateTime _now;
    private int _nextTaskId;
    private int _guidCounter;
    private Task<string?>? _run;
    private bool _replaying;
    private string? _customStatus;
    private bool _customStatusDirty;
    private ContinueAsNewRequest? _continueAsNew;

    public OrchestrationExecutor(string instanceId, OrchestratorRegistration orchestrator, JsonSerializerOptions json, ILoggerFactory? loggers, IReadOnlyList<HistoryEvent> history)
    {
        InstanceId = instanceId;
        _orchestrator = orchestrator;
        _json = json;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        foreach (var e in history)
        {
            if (e.IsScheduling)
            {
                _recorded[e.TaskId] = e;
            }
        }

        _replaying = history.Count > 1;
    }

    public override string Name => _orchestrator.Name;

    public override string InstanceId { get; }

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => _replaying;

    /// <summary>Set when replay detected non-determinism; the instance must fail whatever the code does next.</summary>
    public Exception? Fatal { get; private set; }

    public bool IsCompleted => _run?.IsCompleted == true;

    /// <summary>Steps the code scheduled so far, in order (for the replay verifier).</summary>
    public IReadOnlyList<ScheduledStep> Steps => _steps;

    public string? CustomStatus => _customStatus;

    /// <summary>Set when the code called <see cref="ContinueAsNew"/>; acted on once the orchestrator returns.</summary>
    public ContinueAsNewRequest? ContinueAsNewRequested => _continueAsNew;

    /// <summary>Carries the custom status of the previous generation (ContinueAsNew keeps it, as DurableTask does).</summary>
    public void SeedCustomStatus(string? customStatus) => _customStatus = customStatus;

    /// <summary>Raised (on any thread) when the code awaited a non-orchestration task; see <see cref="RejectForeignContinuation"/>.</summary>
    public Action? ForeignContinuation
    {
        get => _pump.ForeignContinuation;
        set => _pump.ForeignContinuation = value;
    }

    /// <summary>Fails the orchestration: its code awaited a task the orchestration does not control.</summary>
    public void RejectForeignContinuation() =>
        Fatal ??= new InvalidOperationException(
            $"orchestration '{InstanceId}' awaited a task that does not come from its context (Task.Delay, Task.Run, I/O, ConfigureAwait(false), CancelAsync...). "
            + "Orchestrator code may only await the context's activities, sub-orchestrations, timers and events.");

    /// <summary>Starts the orchestrator with the ExecutionStarted event and runs it until idle.</summary>
    public void Begin(HistoryEvent started)
    {
        _now = started.Timestamp;
        _input = started.Payload;
        _pump.Run(() =>
        {
            try
            {
                _run = _orchestrator.Run(this);
            }
            catch (Exception ex)
            {
                _run = Task.FromException<string?>(ex);
            }
        });
    }

    /// <summary>Delivers one inbound event (its timestamp becomes the clock) and runs the code until idle.</summary>
    public void Deliver(HistoryEvent e)
    {
        _now = e.Timestamp;
        _pump.Run(() => Apply(e));
    }

    /// <summary>History is exhausted: later work is new. History steps the code never reached are non-determinism.</summary>
    public void EndReplay()
    {
        _replaying = false;
        if (Fatal is null && !IsCompleted)
        {
            var unreached = _recorded.Keys.Where(id => id >= _nextTaskId).DefaultIfEmpty(-1).Min();
            if (unreached >= 0)
            {
                var rec = _recorded[unreached];
                Fatal = new NonDeterministicOrchestrationException(InstanceId, unreached, Describe(ScheduledStep.KindOf(rec.EventType), rec.Name), "no step at this position");
            }
        }
    }

    /// <summary>The task is scheduled and not completed yet (outcomes for anything else are dropped).</summary>
    public bool IsAwaiting(int taskId) => _pending.ContainsKey(taskId);

    public string? PendingName(int taskId) => _pending.TryGetValue(taskId, out var p) ? p.Name : null;

    /// <summary>Child instance id of a pending sub-orchestration (outcomes are matched on it).</summary>
    public string? PendingChildInstanceId(int taskId) => _pending.TryGetValue(taskId, out var p) ? p.ChildInstanceId : null;

    /// <summary>Events raised but not consumed by a wait, in arrival order per name.</summary>
    public IReadOnlyList<(string Name, string? Payload)> UnprocessedEvents() =>
        _buffered.SelectMany(kv => kv.Value.Select(payload => (kv.Key, payload))).ToList();

    /// <summary>Recorded scheduling events whose outcome is not in history: to dispatch again after a restart.</summary>
    public IReadOnlyList<HistoryEvent> RecordedButPending() =>
        _recorded.Values.Where(e => _pending.ContainsKey(e.TaskId)).OrderBy(e => e.TaskId).ToList();

    public IReadOnlyList<ScheduledAction> TakeNewActions()
    {
        var actions = _newActions.ToList();
        _newActions.Clear();
        return actions;
    }

    public IReadOnlyList<int> TakeCancelledTimers()
    {
        var ids = _newlyCancelledTimers.ToList();
        _newlyCancelledTimers.Clear();
        return ids;
    }

    public bool TakeCustomStatusChanged()
    {
        var dirty = _customStatusDirty;
        _customStatusDirty = false;
        return dirty;
    }

    /// <summary>Serialized output (completed) or the failure (faulted); only valid when <see cref="IsCompleted"/>.</summary>
    public (string? Output, TaskFailureDetails? Failure) Result()
    {
        if (_run is null || !_run.IsCompleted)
        {
            throw new InvalidOperationException("orchestration has not completed");
        }

        if (_run.IsCompletedSuccessfully)
        {
            return (_run.Result, null);
        }

        var ex = _run.Exception?.InnerException ?? new TaskCanceledException("the orchestrator task was cancelled");
        return (null, TaskFailureDetails.FromException(ex));
    }

    public override T? GetInput<T>()
        where T : default => DurableJson.Deserialize<T>(_input, _json);

    public override Guid NewGuid()
    {
        var name = string.Concat(InstanceId, "_", _now.ToString("o", CultureInfo.InvariantCulture), "_", _guidCounter.ToString(CultureInfo.InvariantCulture));
        _guidCounter++;
        return DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, name);
    }

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var json = SerializePayload(input, "input of activity " + name);
        return options?.Retry is { } retry
            ? WithRetry<TResult>(() => Schedule(StepKind.Activity, name, json, null, null), retry)
            : Convert<TResult>(Schedule(StepKind.Activity, name, json, null, null));
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, SubOrchestrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var json = SerializePayload(input, "input of sub-orchestration " + orchestratorName);
        var explicitId = options?.InstanceId is null ? null : InstanceIds.Validate(options.InstanceId);
        if (explicitId is not null && options?.Retry is not null)
        {
            throw new TesseraValidationException("SubOrchestrationOptions.InstanceId", explicitId, "an explicit child instance id cannot be combined with retries (each attempt is a new instance)");
        }

        Task<string?> Attempt() => Schedule(StepKind.SubOrchestration, orchestratorName, json, explicitId ?? NewGuid().ToString("N"), null);
        return options?.Retry is { } retry ? WithRetry<TResult>(Attempt, retry) : Convert<TResult>(Attempt());
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var task = Schedule(StepKind.Timer, TimerName, null, null, utc);
        var id = _nextTaskId - 1;
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => CancelTimer(id));
        }

        return task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (_buffered.TryGetValue(eventName, out var queue) && queue.Count > 0)
        {
            return Task.FromResult(DurableJson.Deserialize<T>(queue.Dequeue(), _json)!);
        }

        if (!_waiters.TryGetValue(eventName, out var list))
        {
            list = new LinkedList<TaskCompletionSource<string?>>();
            _waiters[eventName] = list;
        }

        var tcs = new TaskCompletionSource<string?>();
        var node = list.AddLast(tcs);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                }

                tcs.TrySetCanceled(cancellationToken);
            });
        }

        return Convert<T>(tcs.Task);
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return WaitForExternalEvent<T>(eventName, CancellationToken.None);
        }

        if (timeout < TimeSpan.Zero)
        {
            throw new TesseraValidationException(nameof(timeout), timeout.ToString(), "must be >= 0 or infinite");
        }

        return WaitWithTimeout<T>(eventName, timeout);
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var json = DurableJson.Serialize(customStatus, _json);
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetByteCount(json);
            if (bytes > DurableLimits.MaxCustomStatusBytes)
            {
                throw new CustomStatusTooLargeException(bytes);
            }
        }

        if (!string.Equals(json, _customStatus, StringComparison.Ordinal))
        {
            _customStatus = json;
            _customStatusDirty = true;
        }
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        _continueAsNew = new ContinueAsNewRequest(SerializePayload(newInput, "input of ContinueAsNew"), preserveUnprocessedEvents);

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_loggers.CreateLogger(categoryName), () => _replaying);

    private static string Describe(StepKind kind, string? name) => $"{kind} '{name}'";

    private async Task<T> WaitWithTimeout<T>(string eventName, TimeSpan timeout)
    {
        using var waiterCts = new CancellationTokenSource();
        var eventTask = WaitForExternalEvent<T>(eventName, waiterCts.Token);
        if (eventTask.IsCompleted)
        {
            return await eventTask;
        }

        using var timerCts = new CancellationTokenSource();
        var timer = CreateTimer(_now + timeout, timerCts.Token);

        // No ConfigureAwait(false) anywhere on this path: the continuation must run on the orchestration pump.
        var winner = await Task.WhenAny(eventTask, timer);
        // Cancel synchronously: CancelAsync would resume this code on the thread pool, outside the pump.
#pragma warning disable CA1849, MA0042
        if (winner == eventTask)
        {
            timerCts.Cancel();
            return await eventTask;
        }

        waiterCts.Cancel();
#pragma warning restore CA1849, MA0042
        throw new TaskCanceledException($"timed out after {timeout} waiting for external event '{eventName}'");
    }

    private async Task<TResult> Convert<TResult>(Task<string?> task) => DurableJson.Deserialize<TResult>(await task, _json)!;

    private async Task<TResult> WithRetry<TResult>(Func<Task<string?>> attempt, RetryPolicy policy)
    {
        var firstAttemptAt = _now;
        for (var n = 1; ; n++)
        {
            try
            {
                return DurableJson.Deserialize<TResult>(await attempt(), _json)!;
            }
            catch (TaskFailedException failed) when (n < policy.MaxNumberOfAttempts && WithinRetryTimeout(policy, firstAttemptAt, n)
                && (policy.Handle?.Invoke(failed.FailureDetails) ?? true))
            {
                await CreateTimer(_now + policy.DelayAfterAttempt(n), CancellationToken.None);
            }
        }
    }

    private bool WithinRetryTimeout(RetryPolicy policy, DateTime firstAttemptAt, int failedAttempt) =>
        policy.RetryTimeout == Timeout.InfiniteTimeSpan || _now + policy.DelayAfterAttempt(failedAttempt) - firstAttemptAt <= policy.RetryTimeout;

    private string? SerializePayload(object? value, string field)
    {
        var json = DurableJson.Serialize(value, _json);
        if (json is not null && json.Length > DurableLimits.MaxPayloadChars)
        {
            throw new PayloadTooLargeException(field, json.Length, DurableLimits.MaxPayloadChars);
        }

        return json;
    }

    private Task<string?> Schedule(StepKind kind, string name, string? input, string? childInstanceId, DateTime? fireAt)
    {
        var id = _nextTaskId++;
        _steps.Add(new ScheduledStep(kind, name, id));
        if (Fatal is not null)
        {
            return new TaskCompletionSource<string?>().Task;
        }

        if (_recorded.TryGetValue(id, out var recorded))
        {
            if (recorded.EventType != ScheduledStep.EventTypeOf(kind) || !string.Equals(recorded.Name, name, StringComparison.Ordinal))
            {
                Fatal = new NonDeterministicOrchestrationException(InstanceId, id, Describe(ScheduledStep.KindOf(recorded.EventType), recorded.Name), Describe(kind, name));

                // The code never resumes past this point: the engine fails the instance after this turn.
                return new TaskCompletionSource<string?>().Task;
            }
        }
        else
        {
            _newActions.Add(new ScheduledAction(kind, id, name, input, childInstanceId, fireAt));
        }

        var tcs = new TaskCompletionSource<string?>();
        _pending[id] = new PendingTask(kind, name, tcs, recorded?.ChildInstanceId ?? childInstanceId);
        return tcs.Task;
    }

    private void CancelTimer(int id)
    {
        if (_pending.Remove(id, out var pending))
        {
            _cancelledTimers.Add(id);
            _newlyCancelledTimers.Add(id);
            pending.Completion.TrySetCanceled();
        }
    }

    private void Apply(HistoryEvent e)
    {
        if (e.EventType == HistoryEventType.EventRaised)
        {
            var name = e.Name ?? string.Empty;
            if (_waiters.TryGetValue(name, out var list) && list.First is { } first)
            {
                list.RemoveFirst();
                first.Value.TrySetResult(e.Payload);
            }
            else
            {
                if (!_buffered.TryGetValue(name, out var queue))
                {
                    queue = new Queue<string?>();
                    _buffered[name] = queue;
                }

                queue.Enqueue(e.Payload);
            }

            return;
        }

        if (!_pending.Remove(e.TaskId, out var pending))
        {
            if (_replaying && !_cancelledTimers.Contains(e.TaskId) && Fatal is null)
            {
                Fatal = new NonDeterministicOrchestrationException(InstanceId, e.TaskId, $"{e.EventType} for task #{e.TaskId}", "no pending task with that id");
            }

            return;
        }

        switch (e.EventType)
        {
            case HistoryEventType.TaskCompleted:
            case HistoryEventType.SubOrchestrationCompleted:
            case HistoryEventType.TimerFired:
                pending.Completion.TrySetResult(e.Payload);
                break;
            case HistoryEventType.TaskFailed:
            case HistoryEventType.SubOrchestrationFailed:
                var details = e.Failure ?? new TaskFailureDetails("Unknown", "no failure details recorded", null);
                pending.Completion.TrySetException(new TaskFailedException(pending.Name, e.TaskId, details));
                break;
            default:
                throw new InvalidOperationException($"{e.EventType} is not an inbound event");
        }
    }

    private sealed record PendingTask(StepKind Kind, string Name, TaskCompletionSource<string?> Completion, string? ChildInstanceId);
}
