namespace Tessera.Core.Indicators;

/// <summary>
/// Sum over a sliding window kept by add/subtract, re-summed exactly from the window every
/// <c>capacity</c> pushes. Add/subtract alone drifts (rounding errors accumulate without bound over
/// long series); the periodic exact re-sum bounds the drift to one window's worth at O(1) amortised cost.
/// Batch and incremental indicators both use this one scheme, so their results agree to the last bit.
/// </summary>
public sealed class RollingSum
{
    private readonly RingBuffer _window;
    private int _sinceResync;

    public RollingSum(int capacity)
    {
        _window = new RingBuffer(capacity);
    }

    public double Sum { get; private set; }

    public bool IsFull => _window.IsFull;

    public int Count => _window.Count;

    public RingBuffer Window => _window;

    public void Push(double value)
    {
        var evicted = _window.Push(value);
        if (++_sinceResync == _window.Capacity)
        {
            _sinceResync = 0;
            Sum = _window.SumOldestFirst();
            return;
        }

        Sum = double.IsNaN(evicted) ? Sum + value : Sum - evicted + value;
    }
}
