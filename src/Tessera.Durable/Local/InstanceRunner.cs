using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Tessera.Durable.Local;

/// <summary>
/// Drives one instance: loads and replays its history, then processes inbound messages in batches. Per batch:
/// persist the inbound events, deliver them to the orchestrator in order, persist the steps it scheduled, then
/// dispatch them. Persist-before-deliver and persist-before-dispatch make history the single source of truth:
/// an outcome in history is never produced again; an outcome that was not persisted is produced again after a
/// restart (activities are at-least-once, as in Durable Functions).
/// </summary>
internal sealed class InstanceRunner
{
    private const int MaxBatch = 512;
    private readonly DurableEngine _engine;
    private readonly InstanceRecord _record;
    private readonly Channel<InstanceMessage> _inbox = Channel.CreateUnbounded<InstanceMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<HistoryEvent> _history = [];
    private readonly Dictionary<int, CancellationTokenSource> _timers = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private OrchestrationExecutor? _executor;
    private bool _finished;
    private DateTime _lastTimestamp;
    private int _generation;

    public InstanceRunner(DurableEngine engine, InstanceRecord record)
    {
        _engine = engine;
        _record = record;
    }

    public string InstanceId => _record.InstanceId;

    /// <summary>Completes when the runner stops (instance finished, engine stopping, or storage failure).</summary>
    public Task Completion => _completion.Task;

    private OrchestrationExecutor Executor => _executor ?? throw new InvalidOperationException("not replayed yet");

    public bool Post(InstanceMessage message) => _inbox.Writer.TryWrite(message);

    public async Task RunAsync(CancellationToken abort)
    {
        try
        {
            await ReplayAsync(abort).ConfigureAwait(false);
            var batch = new List<InstanceMessage>(MaxBatch);
            while (!_finished)
            {
                batch.Clear();
                batch.Add(await _inbox.Reader.ReadAsync(abort).ConfigureAwait(false));
                while (batch.Count < MaxBatch && _inbox.Reader.TryRead(out var more))
                {
                    batch.Add(more);
                }

                await ProcessBatchAsync(batch, abort).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Engine stopping: the instance stays as persisted and resumes on the next start.
        }
        catch (Exception ex)
        {
            // Storage failure (or a bug): stop this instance in memory; its persisted state resumes on the next start.
            _engine.Logger.LogError(ex, "instance {InstanceId} stopped: {Message}", InstanceId, ex.Message);
        }
        finally
        {
            _inbox.Writer.TryComplete();
            foreach (var cts in _timers.Values)
            {
                await cts.CancelAsync().ConfigureAwait(false);
                cts.Dispose();
            }

            _timers.Clear();
            while (_inbox.Reader.TryRead(out var left))
            {
                Acknowledge(left);
            }

            _completion.TrySetResult();
        }
    }

    private void Acknowledge(InstanceMessage message)
    {
        var ack = message switch
        {
            EventRaisedMessage e => e.Ack,
            TerminateMessage t => t.Ack,
            FlushMessage f => f.Ack,
            _ => null,
        };
        if (ack is null)
        {
            return;
        }

        // An event for a finished instance is dropped (Durable Functions does the same); otherwise it was not persisted.
        if (_finished || message is FlushMessage)
        {
            ack.TrySetResult();
        }
        else
        {
            ack.TrySetException(new InvalidOperationException($"instance {InstanceId} stopped before the request was persisted; retry after the engine restarts"));
        }
    }

    private async Task ReplayAsync(CancellationToken abort)
    {
        _history.AddRange(await _engine.Store.LoadHistoryAsync(InstanceId, deleteOrphans: true, abort).ConfigureAwait(false));
        if (_history.Count == 0)
        {
            // LastUpdatedAt = creation, or the ContinueAsNew restart that wiped the history before this crash.
            await AppendAsync([new HistoryEvent(0, HistoryEventType.ExecutionStarted, _record.LastUpdatedAt.UtcDateTime, _record.Name, -1, _record.Input)], abort).ConfigureAwait(false);
        }

        _lastTimestamp = _history[^1].Timestamp;
        if (_history.Exists(e => e.EventType == HistoryEventType.ExecutionTerminated))
        {
            var terminated = _history.Find(e => e.EventType == HistoryEventType.ExecutionTerminated)!;
            await FinishAsync(OrchestrationRuntimeStatus.Terminated, terminated.Payload, null, abort, appendEvent: false).ConfigureAwait(false);
            return;
        }

        if (_record.Status == OrchestrationRuntimeStatus.Pending)
        {
            _record.Status = OrchestrationRuntimeStatus.Running;
            _record.LastUpdatedAt = _engine.Clock.GetUtcNow();
            await _engine.Store.SaveInstanceAsync(_record, abort).ConfigureAwait(false);
        }

        if (!_engine.Registry.HasOrchestrator(_record.Name))
        {
            var unknown = new UnknownOrchestrationNameException("orchestratorName", _record.Name, _engine.Registry.OrchestratorNames);
            await FinishAsync(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(unknown), abort).ConfigureAwait(false);
            return;
        }

        _executor = new OrchestrationExecutor(InstanceId, _engine.Registry.GetOrchestrator(_record.Name), _engine.Registry.Json, _engine.LoggerFactory, _history)
        {
            ForeignContinuation = OnForeignContinuation,
        };
        _executor.Begin(_history[0]);
        foreach (var e in _history)
        {
            if (_executor.Fatal is not null)
            {
                break;
            }

            if (e.IsInbound)
            {
                _executor.Deliver(e);
            }
        }

        _executor.EndReplay();
        if (_executor.Fatal is null && !_executor.IsCompleted)
        {
            // Steps recorded before a restart whose outcome never reached history: dispatch again (at-least-once).
            foreach (var pending in _executor.RecordedButPending())
            {
                Dispatch(ScheduledStep.KindOf(pending.EventType), pending.TaskId, pending.Name ?? string.Empty, pending.Payload, pending.ChildInstanceId, pending.FireAt, abort);
            }
        }

        await AfterTurnAsync(abort).ConfigureAwait(false);
    }

    private async Task ProcessBatchAsync(List<InstanceMessage> batch, CancellationToken abort)
    {
        var executor = Executor;
        var now = NextTimestamp();
        var events = new List<HistoryEvent>();
        var acks = new List<TaskCompletionSource>();
        var seen = new HashSet<int>();
        TerminateMessage? terminate = null;
        var seq = (long)_history.Count;
        foreach (var message in batch)
        {
            switch (message)
            {
                case TaskOutcomeMessage o when terminate is null && IsCurrent(executor, o) && seen.Add(o.TaskId):
                    events.Add(new HistoryEvent(seq++, o.EventType, now, executor.PendingName(o.TaskId), o.TaskId, o.Payload, o.Failure));
                    break;
                case EventRaisedMessage e when terminate is null:
                    events.Add(new HistoryEvent(seq++, HistoryEventType.EventRaised, now, e.Name, -1, e.Payload));
                    acks.Add(e.Ack);
                    break;
                case TerminateMessage t when terminate is null:
                    terminate = t;
                    break;
                case FlushMessage f:
                    acks.Add(f.Ack);
                    break;
                case ForeignContinuationMessage:
                    executor.RejectForeignContinuation();
                    break;
                case EventRaisedMessage late:
                    // After a terminate in the same batch: the instance is over, drop like Durable Functions.
                    late.Ack.TrySetResult();
                    break;
                case TerminateMessage again:
                    again.Ack.TrySetResult();
                    break;
                default:
                    // Outcome of something no longer awaited (duplicate, cancelled timer, after completion): dropped.
                    break;
            }
        }

        if (events.Count > 0)
        {
            await AppendAsync(events, abort).ConfigureAwait(false);
        }

        foreach (var ack in acks)
        {
            ack.TrySetResult();
        }

        // Delivered even after the code returned: events then stay buffered for a ContinueAsNew carry-over.
        foreach (var e in events)
        {
            if (executor.Fatal is not null)
            {
                break;
            }

            executor.Deliver(e);
        }

        if (terminate is not null)
        {
            await FinishIfDoneAsync(abort).ConfigureAwait(false);
            if (!_finished)
            {
                await FinishAsync(OrchestrationRuntimeStatus.Terminated, terminate.Output, null, abort).ConfigureAwait(false);
            }

            terminate.Ack.TrySetResult();
            return;
        }

        await AfterTurnAsync(abort).ConfigureAwait(false);
    }

    /// <summary>After the code went idle: finish, or persist and dispatch what it scheduled, and save custom status.</summary>
    private async Task AfterTurnAsync(CancellationToken abort)
    {
        var executor = Executor;
        foreach (var id in executor.TakeCancelledTimers())
        {
            if (_timers.Remove(id, out var cts))
            {
                await cts.CancelAsync().ConfigureAwait(false);
                cts.Dispose();
            }
        }

        // Scheduled steps are recorded even when the code returned in this turn, so history matches a replay.
        var actions = executor.TakeNewActions();
        if (actions.Count > 0)
        {
            var seq = (long)_history.Count;
            var events = new List<HistoryEvent>(actions.Count);
            foreach (var a in actions)
            {
                events.Add(new HistoryEvent(seq++, ScheduledStep.EventTypeOf(a.Kind), executor.CurrentUtcDateTime, a.Name, a.TaskId, a.Input, null, a.ChildInstanceId, a.FireAt));
            }

            await AppendAsync(events, abort).ConfigureAwait(false);
        }

        if (await FinishIfDoneAsync(abort).ConfigureAwait(false))
        {
            return;
        }

        foreach (var a in actions)
        {
            Dispatch(a.Kind, a.TaskId, a.Name, a.Input, a.ChildInstanceId, a.FireAt, abort);
        }

        if (executor.TakeCustomStatusChanged())
        {
            _record.CustomStatus = executor.CustomStatus;
            _record.LastUpdatedAt = _engine.Clock.GetUtcNow();
            await _engine.Store.SaveInstanceAsync(_record, abort).ConfigureAwait(false);
        }
    }

    private async Task<bool> FinishIfDoneAsync(CancellationToken abort)
    {
        var executor = Executor;
        if (executor.Fatal is { } fatal)
        {
            await FinishAsync(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(fatal), abort).ConfigureAwait(false);
            return true;
        }

        if (!executor.IsCompleted)
        {
            return false;
        }

        var (output, failure) = executor.Result();
        if (failure is null && executor.ContinueAsNewRequested is { } restart)
        {
            await ContinueAsNewAsync(restart, abort).ConfigureAwait(false);
            return true;
        }

        if (output is not null && output.Length > DurableLimits.MaxPayloadChars)
        {
            failure = TaskFailureDetails.FromException(new PayloadTooLargeException("output of orchestration " + _record.Name, output.Length, DurableLimits.MaxPayloadChars));
            output = null;
        }

        await FinishAsync(failure is null ? OrchestrationRuntimeStatus.Completed : OrchestrationRuntimeStatus.Failed, output, failure, abort).ConfigureAwait(false);
        return true;
    }

    private async Task FinishAsync(OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure, CancellationToken abort, bool appendEvent = true)
    {
        if (appendEvent)
        {
            var type = status switch
            {
                OrchestrationRuntimeStatus.Completed => HistoryEventType.ExecutionCompleted,
                OrchestrationRuntimeStatus.Failed => HistoryEventType.ExecutionFailed,
                _ => HistoryEventType.ExecutionTerminated,
            };
            await AppendAsync([new HistoryEvent(_history.Count, type, NextTimestamp(), _record.Name, -1, output, failure)], abort).ConfigureAwait(false);
        }

        _record.Status = status;
        _record.Output = output;
        _record.Failure = failure;
        if (_executor is not null)
        {
            _record.CustomStatus = _executor.CustomStatus ?? _record.CustomStatus;
        }

        _record.LastUpdatedAt = _engine.Clock.GetUtcNow();
        await _engine.Store.SaveInstanceAsync(_record, abort).ConfigureAwait(false);
        _finished = true;
        if (_record.ParentInstanceId is { } parent)
        {
            var outcome = status == OrchestrationRuntimeStatus.Completed
                ? new TaskOutcomeMessage(HistoryEventType.SubOrchestrationCompleted, _record.ParentTaskId, output, null, ChildInstanceId: InstanceId)
                : new TaskOutcomeMessage(HistoryEventType.SubOrchestrationFailed, _record.ParentTaskId, null, failure ?? TerminatedFailure(InstanceId), ChildInstanceId: InstanceId);
            _engine.PostToInstance(parent, outcome);
        }
    }

    /// <summary>
    /// Restarts the instance: save the new input first, then delete the old history starting at row 0 (a crash in
    /// between replays the old history, which asks for ContinueAsNew again; a crash after row 0 is gone restarts
    /// from the saved input), then write the new ExecutionStarted and the carried-over events.
    /// </summary>
    private async Task ContinueAsNewAsync(ContinueAsNewRequest restart, CancellationToken abort)
    {
        var previous = Executor;
        var carried = restart.PreserveUnprocessedEvents ? previous.UnprocessedEvents() : [];
        _generation++;
        foreach (var cts in _timers.Values)
        {
            await cts.CancelAsync().ConfigureAwait(false);
            cts.Dispose();
        }

        _timers.Clear();
        var startedAt = NextTimestamp();
        _record.Input = restart.Input;
        _record.Status = OrchestrationRuntimeStatus.Running;
        _record.Output = null;
        _record.Failure = null;
        _record.CustomStatus = previous.CustomStatus;
        _record.LastUpdatedAt = new DateTimeOffset(startedAt);
        await _engine.Store.SaveInstanceAsync(_record, abort).ConfigureAwait(false);
        await _engine.Store.DeleteHistoryAsync(InstanceId, _history.Count, abort).ConfigureAwait(false);
        _history.Clear();

        var started = new HistoryEvent(0, HistoryEventType.ExecutionStarted, startedAt, _record.Name, -1, restart.Input);
        var events = new List<HistoryEvent> { started };
        events.AddRange(carried.Select((e, i) => new HistoryEvent(i + 1, HistoryEventType.EventRaised, startedAt, e.Name, -1, e.Payload)));
        await AppendAsync(events, abort).ConfigureAwait(false);

        _executor = new OrchestrationExecutor(InstanceId, _engine.Registry.GetOrchestrator(_record.Name), _engine.Registry.Json, _engine.LoggerFactory, [started])
        {
            ForeignContinuation = OnForeignContinuation,
        };
        _executor.SeedCustomStatus(previous.CustomStatus);
        _executor.Begin(started);
        foreach (var e in events.Skip(1))
        {
            _executor.Deliver(e);
        }

        _executor.EndReplay();
        await AfterTurnAsync(abort).ConfigureAwait(false);
    }

    private void OnForeignContinuation() => Post(new ForeignContinuationMessage());

    private bool IsCurrent(OrchestrationExecutor executor, TaskOutcomeMessage outcome) =>
        executor.IsAwaiting(outcome.TaskId)
        && (outcome.ChildInstanceId is null
            ? outcome.Generation == _generation
            : string.Equals(executor.PendingChildInstanceId(outcome.TaskId), outcome.ChildInstanceId, StringComparison.Ordinal));

    internal static TaskFailureDetails TerminatedFailure(string instanceId) =>
        new("Tessera.Durable.OrchestrationTerminated", $"sub-orchestration {instanceId} was terminated", null);

    private void Dispatch(StepKind kind, int taskId, string name, string? input, string? childInstanceId, DateTime? fireAt, CancellationToken abort)
    {
        switch (kind)
        {
            case StepKind.Activity:
                _engine.DispatchActivity(this, _generation, taskId, name, input);
                break;
            case StepKind.Timer:
                var cts = CancellationTokenSource.CreateLinkedTokenSource(abort);
                _timers[taskId] = cts;
                _engine.ArmTimer(this, _generation, taskId, fireAt ?? _engine.UtcNow(), cts.Token);
                break;
            default:
                _engine.DispatchSubOrchestration(this, taskId, name, childInstanceId ?? throw new InvalidOperationException("sub-orchestration without instance id"), input);
                break;
        }
    }

    private async Task AppendAsync(IReadOnlyList<HistoryEvent> events, CancellationToken abort)
    {
        _history.AddRange(events);
        await _engine.Store.AppendHistoryAsync(InstanceId, events, abort).ConfigureAwait(false);
    }

    // The orchestration clock never goes backwards, even if the wall clock does.
    private DateTime NextTimestamp()
    {
        var now = _engine.UtcNow();
        _lastTimestamp = now > _lastTimestamp ? now : _lastTimestamp;
        return _lastTimestamp;
    }
}
