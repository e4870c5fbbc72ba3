namespace Tessera.Core.Data.Import;

/// <summary>
/// Accumulates the accepted rows of one symbol in growable columns, remembering each row's source line so that
/// duplicate timestamps can be reported precisely. <see cref="Build"/> sorts (when rows came out of order) and
/// resolves duplicates keep-last: the later line wins, the earlier one is reported as dropped.
/// </summary>
internal sealed class SeriesBuilder
{
    private long[] _ts = new long[256];
    private double[] _open = new double[256];
    private double[] _high = new double[256];
    private double[] _low = new double[256];
    private double[] _close = new double[256];
    private double[] _volume = new double[256];
    private double[]? _bid;
    private double[]? _ask;
    private long[] _line = new long[256];

    public SeriesBuilder(string symbol, bool withQuotes)
    {
        Symbol = symbol;
        if (withQuotes)
        {
            _bid = new double[256];
            _ask = new double[256];
        }
    }

    public string Symbol { get; }

    public int Count { get; private set; }

    public bool OutOfOrder { get; private set; }

    public long LastTimestamp => Count == 0 ? long.MinValue : _ts[Count - 1];

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
        var ts = new long[m];
        var o = new double[m];
        var h = new double[m];
        var l = new double[m];
        var c = new double[m];
        var v = new double[m];
        var bid = _bid is null ? null : new double[m];
        var ask = _ask is null ? null : new double[m];
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
        Array.Resize(ref _ts, size);
        Array.Resize(ref _open, size);
        Array.Resize(ref _high, size);
        Array.Resize(ref _low, size);
        Array.Resize(ref _close, size);
        Array.Resize(ref _volume, size);
        Array.Resize(ref _line, size);
        if (_bid is not null)
        {
            Array.Resize(ref _bid, size);
            Array.Resize(ref _ask, size);
        }
    }
}
