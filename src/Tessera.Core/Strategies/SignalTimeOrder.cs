using System.Buffers;
using Tessera.Core.Data;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>
/// Puts the signals of a universe in the order <see cref="IStrategy.SignalsOverTime(IReadOnlyList{BarSeries})"/>
/// promises: by time, then by symbol (ordinal), and within one (time, symbol) in emission order, series order first
/// when two series share a symbol. That is what a stable sort by (time, symbol) of the series' signals concatenated in
/// universe order gives. Each series' signals are already in time order (an engine signals at the bar it consumes), so
/// a k-way merge of the runs over a heap keyed by (time, rank of the series) gives it without comparing strings per
/// signal; a run out of time order (never produced by the engines here) falls back to the stable sort itself.
/// </summary>
internal static class SignalTimeOrder
{
    /// <param name="all">the signals of every series, concatenated in universe order.</param>
    /// <param name="starts">series s owns all[starts[s] .. starts[s + 1]); length universe.Count + 1.</param>
    public static Signal[] Merge(List<Signal> all, int[] starts, IReadOnlyList<BarSeries> universe)
    {
        var runs = universe.Count;

        // The times in one sequential pass over the signals (the merge then reads these, not the scattered objects),
        // from the shared pool: no large array per call.
        var times = ArrayPool<long>.Shared.Rent(all.Count);
        try
        {
            for (var s = 0; s < runs; s++)
            {
                var previous = long.MinValue;
                for (var i = starts[s]; i < starts[s + 1]; i++)
                {
                    var t = all[i].TimestampUtcMs;
                    if (t < previous)
                    {
                        return [.. all.OrderBy(x => x.TimestampUtcMs).ThenBy(x => x.Symbol, StringComparer.Ordinal)];
                    }

                    times[i] = previous = t;
                }
            }

            return MergeRuns(all, starts, universe, times);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(times);
        }
    }

    private static Signal[] MergeRuns(List<Signal> all, int[] starts, IReadOnlyList<BarSeries> universe, long[] times)
    {
        var runs = universe.Count;

        // Rank of each series: by symbol, ties (a symbol twice) in universe order.
        var bySymbol = new int[runs];
        for (var s = 0; s < runs; s++)
        {
            bySymbol[s] = s;
        }

        Array.Sort(bySymbol, (a, b) =>
        {
            var c = string.CompareOrdinal(universe[a].Symbol, universe[b].Symbol);
            return c != 0 ? c : a.CompareTo(b);
        });
        var rank = new int[runs];
        for (var j = 0; j < runs; j++)
        {
            rank[bySymbol[j]] = j;
        }

        // Min-heap of the series with signals left, keyed by (time of the next signal, rank).
        var next = new int[runs];
        var headTime = new long[runs];
        var heap = new int[runs];
        var size = 0;
        for (var s = 0; s < runs; s++)
        {
            next[s] = starts[s];
            if (starts[s] < starts[s + 1])
            {
                headTime[s] = times[starts[s]];
                heap[size++] = s;
            }
        }

        for (var i = (size / 2) - 1; i >= 0; i--)
        {
            SiftDown(heap, size, i, headTime, rank);
        }

        var result = new Signal[all.Count];
        var k = 0;
        while (size > 0)
        {
            var s = heap[0];
            result[k++] = all[next[s]++];
            if (next[s] < starts[s + 1])
            {
                headTime[s] = times[next[s]];
            }
            else
            {
                heap[0] = heap[--size];
            }

            SiftDown(heap, size, 0, headTime, rank);
        }

        return result;
    }

    private static void SiftDown(int[] heap, int size, int i, long[] headTime, int[] rank)
    {
        var item = heap[i];
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && Before(heap[child + 1], heap[child], headTime, rank))
            {
                child++;
            }

            if (!Before(heap[child], item, headTime, rank))
            {
                break;
            }

            heap[i] = heap[child];
            i = child;
        }

        heap[i] = item;
    }

    private static bool Before(int a, int b, long[] headTime, int[] rank) =>
        headTime[a] != headTime[b] ? headTime[a] < headTime[b] : rank[a] < rank[b];
}
