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

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_lock)
        {
            _queue.Enqueue((d, state));
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
