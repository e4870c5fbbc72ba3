namespace Tessera.Core.Indicators;

/// <summary>
/// Sum over a sliding window kept by add/subtract with Neumaier (compensated) summation, re-summed from the window
/// every <c>capacity</c> pushes. Plain add/subtract drifts, and even an exact re-sum in plain doubles can land one ulp
/// off the true sum: a running SMA(200) gave 48.88999999999996 where the exact mean of the closes equals the close
/// 48.89, which flipped an RSI-2 entry (CINF, 2014-06-13; ALGORITHMS.md "Running sums"). The compensation term carries
/// the rounding error of every add and subtract, so <see cref="Sum"/> (the sum plus its compensation) is the true
/// sum of the window's doubles to within one rounding, and ties are decided as exact arithmetic decides them.
/// Batch and incremental indicators both use this one scheme, so their results agree to the last bit.
/// </summary>
public sealed class RollingSum
{
    private readonly RingBuffer _window;
    private int _sinceResync;
    private double _sum;
    private double _compensation;

    public RollingSum(int capacity)
    {
        _window = new RingBuffer(capacity);
    }

    /// <summary>The window's sum: the running sum plus its compensation, rounded once.</summary>
    public double Sum => _sum + _compensation;

    public bool IsFull => _window.IsFull;

    public int Count => _window.Count;

    public RingBuffer Window => _window;

    public void Push(double value)
    {
        var evicted = _window.Push(value);
        if (++_sinceResync == _window.Capacity)
        {
            // Bound the compensation's own drift: re-sum the window, compensated, oldest first.
            _sinceResync = 0;
            _sum = 0;
            _compensation = 0;
            foreach (var x in _window.OlderSegment)
            {
                Add(x);
            }

            foreach (var x in _window.NewerSegment)
            {
                Add(x);
            }

            return;
        }

        if (!double.IsNaN(evicted))
        {
            Add(-evicted);
        }

        Add(value);
    }

    /// <summary>Neumaier's step: the exact rounding error of s + x goes to the compensation.</summary>
    private void Add(double x)
    {
        var t = _sum + x;
        _compensation += Math.Abs(_sum) >= Math.Abs(x) ? (_sum - t) + x : (x - t) + _sum;
        _sum = t;
    }
}
