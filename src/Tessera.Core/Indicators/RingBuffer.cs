namespace Tessera.Core.Indicators;

/// <summary>
/// Fixed-capacity window of the most recent values, oldest first. The building block of every rolling
/// indicator; allocation happens once, in the constructor.
/// </summary>
public sealed class RingBuffer
{
    private readonly double[] _items;
    private int _next;

    public RingBuffer(int capacity)
    {
        _items = new double[IndicatorGuard.Period(capacity, 1, "capacity")];
    }

    public int Capacity => _items.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == _items.Length;

    /// <summary>Value at position <paramref name="age"/> counted from the oldest held value (0 = oldest).</summary>
    public double this[int age]
    {
        get
        {
            if ((uint)age >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(age));
            }

            var start = IsFull ? _next : 0;
            var i = start + age;
            return _items[i >= _items.Length ? i - _items.Length : i];
        }
    }

    public double Newest => this[Count - 1];

    /// <summary>Appends a value; returns the value pushed out of the window, or NaN while the window is filling.</summary>
    public double Push(double value)
    {
        var evicted = IsFull ? _items[_next] : double.NaN;
        _items[_next] = value;
        if (++_next == _items.Length)
        {
            _next = 0;
        }

        if (Count < _items.Length)
        {
            Count++;
        }

        return evicted;
    }

    /// <summary>The oldest held values (first of at most two contiguous segments; no copying).</summary>
    public ReadOnlySpan<double> OlderSegment => IsFull ? _items.AsSpan(_next) : _items.AsSpan(0, Count);

    /// <summary>The newest held values that wrapped to the start of the storage (may be empty).</summary>
    public ReadOnlySpan<double> NewerSegment => IsFull ? _items.AsSpan(0, _next) : ReadOnlySpan<double>.Empty;

    /// <summary>Sum of the held values, oldest to newest (a fixed order, so results are reproducible to the bit).</summary>
    public double SumOldestFirst()
    {
        var older = OlderSegment;
        var newer = NewerSegment;
        var sum = 0.0;
        foreach (var x in older)
        {
            sum += x;
        }

        foreach (var x in newer)
        {
            sum += x;
        }

        return sum;
    }

    /// <summary>Mean and population variance by two passes (no cancellation from sum-of-squares).</summary>
    public (double Mean, double Variance) MeanAndPopulationVariance()
    {
        var (mean, ss) = MeanAndSumSquares();
        return (mean, ss / Count);
    }

    /// <summary>Mean and sum of squared deviations from it, by two passes oldest to newest.</summary>
    public (double Mean, double SumSquaredDeviations) MeanAndSumSquares()
    {
        var mean = SumOldestFirst() / Count;
        var older = OlderSegment;
        var newer = NewerSegment;
        var ss = 0.0;
        foreach (var x in older)
        {
            var d = x - mean;
            ss += d * d;
        }

        foreach (var x in newer)
        {
            var d = x - mean;
            ss += d * d;
        }

        return (mean, ss);
    }
}
