namespace Tessera.Core.Data;

/// <summary>Calendars of a universe of bar series (UTC Unix ms timestamps).</summary>
public static class TradingCalendar
{
    /// <summary>Every timestamp any series has, ascending and distinct (the union calendar).</summary>
    /// <remarks>
    /// Series whose timestamps strictly increase (every validated bar series) are merged one after another into the
    /// running union, linear in the bars (most symbols share the calendar, so a merge is mostly a walk of equal keys);
    /// any other input takes the sort of every timestamp. Both give the same array.
    /// </remarks>
    public static long[] Union(IReadOnlyList<BarSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var total = 0;
        var increasing = true;
        foreach (var s in series)
        {
            total += s.Count;
            increasing = increasing && StrictlyIncreasing(s.Timestamps.AsSpan(0, s.Count));
        }

        return increasing ? MergeIncreasing(series, total) : SortDistinct(series, total);
    }

    private static bool StrictlyIncreasing(ReadOnlySpan<long> t)
    {
        for (var i = 1; i < t.Length; i++)
        {
            if (t[i] <= t[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static long[] MergeIncreasing(IReadOnlyList<BarSeries> series, int total)
    {
        var union = new long[total];
        var scratch = new long[total];
        var length = 0;
        foreach (var s in series)
        {
            var next = s.Timestamps.AsSpan(0, s.Count);
            if (next.Length == 0)
            {
                continue;
            }

            // Merge union[..length] and next into scratch, dropping equal keys, then swap the buffers.
            int i = 0, j = 0, k = 0;
            while (i < length && j < next.Length)
            {
                var a = union[i];
                var b = next[j];
                if (a < b)
                {
                    scratch[k++] = a;
                    i++;
                }
                else if (b < a)
                {
                    scratch[k++] = b;
                    j++;
                }
                else
                {
                    scratch[k++] = a;
                    i++;
                    j++;
                }
            }

            union.AsSpan(i, length - i).CopyTo(scratch.AsSpan(k));
            k += length - i;
            next[j..].CopyTo(scratch.AsSpan(k));
            k += next.Length - j;
            (union, scratch) = (scratch, union);
            length = k;
        }

        return union[..length];
    }

    private static long[] SortDistinct(IReadOnlyList<BarSeries> series, int total)
    {
        var all = new long[total];
        var k = 0;
        foreach (var s in series)
        {
            s.Timestamps.AsSpan(0, s.Count).CopyTo(all.AsSpan(k));
            k += s.Count;
        }

        Array.Sort(all);
        var distinct = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (distinct == 0 || all[i] != all[distinct - 1])
            {
                all[distinct++] = all[i];
            }
        }

        return all[..distinct];
    }
}
