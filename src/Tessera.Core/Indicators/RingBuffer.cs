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

    /// <summary>Sum of the held values, oldest to newest (a fixed order, so results are reproducible to the bit).</summary>
    public double SumOldestFirst()
    {
        var sum = 0.0;
        var start = IsFull ? _next : 0;
        for (var k = 0; k < Count; k++)
        {
            var i = start + k;
            sum += _items[i >= _items.Length ? i - _items.Length : i];
        }

        return sum;
    }

    /// <summary>Mean and population variance by two passes (no cancellation from sum-of-squares).</summary>
    public (double Mean, double Variance) MeanAndPopulationVariance()
    {
        var mean = SumOldestFirst() / Count;
        var ss = 0.0;
        var start = IsFull ? _next : 0;
        for (var k = 0; k < Count; k++)
        {
            var i = start + k;
            var d = _items[i >= _items.Length ? i - _items.Length : i] - mean;
            ss += d * d;
        }

        return (mean, ss / Count);
    }

    /// <summary>Mean and sum of squared deviations by two passes.</summary>
    public (double Mean, double SumSquaredDeviations) MeanAndSumSquares()
    {
        var mean = SumOldestFirst() / Count;
        var ss = 0.0;
        var start = IsFull ? _next : 0;
        for (var k = 0; k < Count; k++)
        {
            var i = start + k;
            var d = _items[i >= _items.Length ? i - _items.Length : i] - mean;
            ss += d * d;
        }

        return (mean, ss);
    }
}
