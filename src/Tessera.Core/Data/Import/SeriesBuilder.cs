using System.Runtime.CompilerServices;
namespace Tessera.Core.Data.Import;

/// <summary>
/// Accumulates the accepted rows of one symbol in growable columns, remembering each row's source line so that
/// duplicate timestamps can be reported precisely. <see cref="Build"/> sorts (when rows came out of order) and
/// resolves duplicates keep-last: the later line wins, the earlier one is reported as dropped.
/// </summary>
internal sealed class SeriesBuilder
{
    /// <summary>Upper bound of a capacity hint: a hint only saves growth steps, it must not reserve a huge file's worth per symbol.</summary>
    public const int MaxCapacityHint = 1 << 16;

    private const int MinCapacity = 256;

    // The growable columns live on the pinned object heap: a gen 0/1 collection never copies them (on the S&P file the
    // 505 symbols' columns are about 40 MB that would otherwise be copied from generation to generation while the
    // file is parsed). The final, exact-size arrays of Build are ordinary arrays.
    private long[] _ts;
    private double[] _open;
    private double[] _high;
    private double[] _low;
    private double[] _close;
    private double[] _volume;
    private double[]? _bid;
    private double[]? _ask;
    private long[] _line;

    /// <param name="symbol">Canonical symbol.</param>
    /// <param name="withQuotes">Keep closing bid/ask columns.</param>
    /// <param name="capacityHint">Expected rows (the importer passes the average rows per symbol so far); clamped to [256, <see cref="MaxCapacityHint"/>].</param>
    public SeriesBuilder(string symbol, bool withQuotes, int capacityHint = MinCapacity)
    {
        Symbol = symbol;
        var capacity = Math.Clamp(capacityHint, MinCapacity, MaxCapacityHint);
        _ts = Column<long>(capacity);
        _open = Column<double>(capacity);
        _high = Column<double>(capacity);
        _low = Column<double>(capacity);
        _close = Column<double>(capacity);
        _volume = Column<double>(capacity);
        _line = Column<long>(capacity);
        if (withQuotes)
        {
            _bid = Column<double>(capacity);
            _ask = Column<double>(capacity);
        }
    }

    public string Symbol { get; }

    public int Count { get; private set; }

    public bool OutOfOrder { get; private set; }

    public long LastTimestamp => Count == 0 ? long.MinValue : _ts[Count - 1];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    public void Add(long ts, double open, double high, double low, double close, double volume, double bid, double ask, long line)
    {
        if (Count == _ts.Length)
        {
            Grow();
        }

        if (Count > 0 && ts <= _ts[Count - 1])
        {
            OutOfOrder = true;
        }

        var k = Count++;
        _ts[k] = ts;
        _open[k] = open;
        _high[k] = high;
        _low[k] = low;
        _close[k] = close;
        _volume[k] = volume;
        _line[k] = line;
        if (_bid is not null)
        {
            _bid[k] = bid;
            _ask![k] = ask;
        }
    }

    /// <summary>Sorted, de-duplicated series; duplicates are reported to <paramref name="tally"/> with the dropped (earlier) line.</summary>
    public (BarSeries Series, ClosingQuotes? Quotes, int Reordered) Build(RejectionTally tally)
    {
        var n = Count;
        var order = new int[n];
        for (var k = 0; k < n; k++)
        {
            order[k] = k;
        }

        var reordered = 0;
        if (OutOfOrder)
        {
            // Sort by (timestamp, line): stable, so among equal timestamps the last line ends up last.
            var keys = _ts.AsSpan(0, n).ToArray();
            var lines = _line.AsSpan(0, n).ToArray();
            Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : lines[a].CompareTo(lines[b]));
            for (var k = 1; k < n; k++)
            {
                if (_line[order[k]] < _line[order[k - 1]])
                {
                    reordered++;
                }
            }
        }

        var keep = new List<int>(n);
        for (var k = 0; k < n; k++)
        {
            if (k + 1 < n && _ts[order[k + 1]] == _ts[order[k]])
            {
                var dropped = order[k];
                tally.Reject(_line[dropped], "timestamp", BarSeries.ToUtc(_ts[dropped]).ToString("O"), ImportRules.DuplicateTimestamp);
                continue;
            }

            keep.Add(order[k]);
        }

        var m = keep.Count;
        var ts = Exact<long>(m);
        var o = Exact<double>(m);
        var h = Exact<double>(m);
        var l = Exact<double>(m);
        var c = Exact<double>(m);
        var v = Exact<double>(m);
        var bid = _bid is null ? null : Exact<double>(m);
        var ask = _ask is null ? null : Exact<double>(m);
        for (var k = 0; k < m; k++)
        {
            var src = keep[k];
            ts[k] = _ts[src];
            o[k] = _open[src];
            h[k] = _high[src];
            l[k] = _low[src];
            c[k] = _close[src];
            v[k] = _volume[src];
            if (bid is not null)
            {
                bid[k] = _bid![src];
                ask![k] = _ask![src];
            }
        }

        var quotes = bid is null ? null : new ClosingQuotes(bid, ask!);
        return (new BarSeries(Symbol, ts, o, h, l, c, v), quotes, reordered);
    }

    private void Grow()
    {
        var size = _ts.Length * 2;
        Resize(ref _ts, size, Count);
        Resize(ref _open, size, Count);
        Resize(ref _high, size, Count);
        Resize(ref _low, size, Count);
        Resize(ref _close, size, Count);
        Resize(ref _volume, size, Count);
        Resize(ref _line, size, Count);
        if (_bid is not null)
        {
            Resize(ref _bid, size, Count);
            Resize(ref _ask!, size, Count);
        }
    }

    // Only the first Count elements of a column are ever read, so neither a column nor a final array needs zeroing.
    private static T[] Column<T>(int capacity) => GC.AllocateUninitializedArray<T>(capacity, pinned: true);

    private static T[] Exact<T>(int length) => GC.AllocateUninitializedArray<T>(length);

    private static void Resize<T>(ref T[] column, int size, int count)
    {
        var grown = Column<T>(size);
        column.AsSpan(0, count).CopyTo(grown);
        column = grown;
    }
}
