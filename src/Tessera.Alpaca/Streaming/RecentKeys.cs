namespace Tessera.Alpaca.Streaming;

/// <summary>A bounded set of recently seen keys (FIFO eviction): drops duplicated stream messages without growing forever.</summary>
internal sealed class RecentKeys<T>(int capacity)
    where T : notnull
{
    private readonly HashSet<T> _set = new(capacity);
    private readonly Queue<T> _order = new(capacity);

    /// <summary>True when the key is new (and remembers it); false for a duplicate.</summary>
    public bool Add(T key)
    {
        if (!_set.Add(key))
        {
            return false;
        }

        _order.Enqueue(key);
        if (_order.Count > capacity)
        {
            _set.Remove(_order.Dequeue());
        }

        return true;
    }

    public void Clear()
    {
        _set.Clear();
        _order.Clear();
    }
}
