namespace Tessera.Core.Indicators;

/// <summary>
/// Maximum (or minimum) over a sliding window by a monotonic deque: O(1) amortised per push, exact.
/// On ties the most recent bar is kept as the extreme (so "when was the extreme made" is the latest
/// occurrence, the conservative reading for rules like "made at least 4 bars earlier").
/// </summary>
public sealed class RollingExtreme
{
    private readonly double[] _values;
    private readonly long[] _sequence;
    private readonly bool _isMax;
    private int _head;
    private int _count;
    private long _pushed;

    public RollingExtreme(int window, bool isMax)
    {
        Window = IndicatorGuard.Period(window, 1);
        _values = new double[window];
        _sequence = new long[window];
        _isMax = isMax;
    }

    public int Window { get; }

    /// <summary>Total number of values pushed so far (the sequence number of the next push).</summary>
    public long Pushed => _pushed;

    public bool IsFull => _pushed >= Window;

    /// <summary>Extreme of the last <see cref="Window"/> values (or of all values while filling).</summary>
    public double Value => _values[_head];

    /// <summary>Zero-based push sequence number of the bar that made the current extreme.</summary>
    public long IndexOfValue => _sequence[_head];

    public void Push(double value)
    {
        // Drop the front if it left the window.
        if (_count > 0 && _sequence[_head] <= _pushed - Window)
        {
            _head = Wrap(_head + 1);
            _count--;
        }

        // Drop dominated values from the back (ties: the newer value wins).
        while (_count > 0)
        {
            var back = Wrap(_head + _count - 1);
            var dominated = _isMax ? _values[back] <= value : _values[back] >= value;
            if (!dominated)
            {
                break;
            }

            _count--;
        }

        var slot = Wrap(_head + _count);
        _values[slot] = value;
        _sequence[slot] = _pushed;
        _count++;
        _pushed++;
    }

    private int Wrap(int i) => i >= _values.Length ? i - _values.Length : i;
}
