using Tessera.Core.Errors;

namespace Tessera.Core.Streaming;

/// <summary>
/// Every armed virtual stop, by symbol, ordered so that a trade costs O(log n): per symbol, the LONG stops sorted from
/// the highest level down and the SHORT stops from the lowest up. A trade only looks at the first of each; every stop it
/// prints through is removed (one-shot: a stop fires once) and reported, the rest are not touched. Moving a stop is a
/// remove and an insert (O(log n)). A trade that gaps through several levels fires all of them at the trade's price.
/// Not thread-safe: the shell serializes trades and changes, so a trade sees a stop either before or after a move,
/// never half-moved; a move of a stop that already fired returns false (the exit is under way).
/// </summary>
public sealed class VirtualStopBook
{
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SymbolStops> _bySymbol = new(StringComparer.Ordinal);
    private long _sequence;

    public int Count => _byId.Count;

    public int SymbolCount => _bySymbol.Count;

    /// <summary>Arms a new stop. A duplicate id is a <see cref="TesseraValidationException"/> (use <see cref="Move"/> to change a level).</summary>
    public void Arm(VirtualStop stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        stop.Validate();
        if (_byId.ContainsKey(stop.Id))
        {
            throw new TesseraValidationException("stop.id", stop.Id, "already armed: move or disarm it");
        }

        Insert(stop);
    }

    /// <summary>Moves an armed stop to a new level. False when no stop with that id is armed (never armed, disarmed, or fired).</summary>
    public bool Move(string id, decimal newStopPrice)
    {
        if (!_byId.TryGetValue(id, out var entry))
        {
            return false;
        }

        var moved = entry.Stop with { StopPrice = newStopPrice };
        moved.Validate();
        Remove(entry);
        Insert(moved);
        return true;
    }

    public bool Disarm(string id)
    {
        if (!_byId.TryGetValue(id, out var entry))
        {
            return false;
        }

        Remove(entry);
        return true;
    }

    public VirtualStop? Find(string id) => _byId.TryGetValue(id, out var e) ? e.Stop : null;

    /// <summary>The armed stops, for persistence and status (allocates: not for the hot path).</summary>
    public IReadOnlyList<VirtualStop> Snapshot()
    {
        var all = new List<VirtualStop>(_byId.Count);
        foreach (var e in _byId.Values)
        {
            all.Add(e.Stop);
        }

        all.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return all;
    }

    /// <summary>
    /// A trade of <paramref name="symbol"/> at <paramref name="price"/> (already checked by <see cref="TradeSanity"/>).
    /// Fired stops are removed and appended to <paramref name="fired"/>; returns how many fired.
    /// </summary>
    public int OnTrade(string symbol, decimal price, DateTimeOffset time, List<StopTrigger> fired)
    {
        ArgumentNullException.ThrowIfNull(fired);
        if (!_bySymbol.TryGetValue(symbol, out var stops))
        {
            return 0;
        }

        var n = 0;
        while (stops.Longs.Count > 0 && stops.Longs.Min!.Stop.StopPrice >= price)
        {
            n += Fire(stops.Longs.Min, price, time, fired);
        }

        while (stops.Shorts.Count > 0 && stops.Shorts.Min!.Stop.StopPrice <= price)
        {
            n += Fire(stops.Shorts.Min, price, time, fired);
        }

        return n;
    }

    private int Fire(Entry entry, decimal price, DateTimeOffset time, List<StopTrigger> fired)
    {
        Remove(entry);
        fired.Add(new StopTrigger(entry.Stop, price, time));
        return 1;
    }

    private void Insert(VirtualStop stop)
    {
        if (!_bySymbol.TryGetValue(stop.Symbol, out var stops))
        {
            stops = new SymbolStops();
            _bySymbol[stop.Symbol] = stops;
        }

        var entry = new Entry(stop, _sequence++);
        (stop.Protects == Side.Long ? stops.Longs : stops.Shorts).Add(entry);
        _byId[stop.Id] = entry;
    }

    private void Remove(Entry entry)
    {
        var stops = _bySymbol[entry.Stop.Symbol];
        (entry.Stop.Protects == Side.Long ? stops.Longs : stops.Shorts).Remove(entry);
        _byId.Remove(entry.Stop.Id);
        if (stops.Longs.Count == 0 && stops.Shorts.Count == 0)
        {
            _bySymbol.Remove(entry.Stop.Symbol);
        }
    }

    private sealed record Entry(VirtualStop Stop, long Sequence);

    private sealed class SymbolStops
    {
        /// <summary>Highest level first: the first LONG stop a falling price reaches.</summary>
        public SortedSet<Entry> Longs { get; } = new(Comparer<Entry>.Create(static (a, b) =>
        {
            var c = b.Stop.StopPrice.CompareTo(a.Stop.StopPrice);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        }));

        /// <summary>Lowest level first: the first SHORT stop a rising price reaches.</summary>
        public SortedSet<Entry> Shorts { get; } = new(Comparer<Entry>.Create(static (a, b) =>
        {
            var c = a.Stop.StopPrice.CompareTo(b.Stop.StopPrice);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        }));
    }
}
