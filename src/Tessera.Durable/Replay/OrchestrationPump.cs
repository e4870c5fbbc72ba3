namespace Tessera.Durable;

/// <summary>
/// A single-threaded synchronization context: every continuation of orchestrator code is queued here and run by
/// <see cref="Run"/> on the caller's thread until the code is idle (waiting for an event). Events are then delivered
/// one at a time in history order, which makes execution (including Task.WhenAny) deterministic on replay.
/// </summary>
internal sealed class OrchestrationPump : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Lock _lock = new();
    private bool _running;

    /// <summary>
    /// Called when a continuation arrives while the pump is idle: the code awaited something that is not an
    /// orchestration task (Task.Delay, I/O, ConfigureAwait(false)...), so nothing would ever run it deterministically.
    /// </summary>
    public Action? ForeignContinuation { get; set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        bool idle;
        lock (_lock)
        {
            _queue.Enqueue((d, state));
            idle = !_running;
        }

        if (idle)
        {
            ForeignContinuation?.Invoke();
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("orchestrator code runs on one logical thread; Send is not supported");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="action"/> with this context current, then drains queued continuations.</summary>
    public void Run(Action action)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        lock (_lock)
        {
            _running = true;
        }

        try
        {
            action();
            while (TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            lock (_lock)
            {
                _running = false;
            }

            SetSynchronizationContext(previous);
        }
    }

    private bool TryDequeue(out (SendOrPostCallback Callback, object? State) item)
    {
        lock (_lock)
        {
            return _queue.TryDequeue(out item);
        }
    }
}
