namespace Tessera.Core.Data;

/// <summary>Calendars of a universe of bar series (UTC Unix ms timestamps).</summary>
public static class TradingCalendar
{
    /// <summary>Every timestamp any series has, ascending and distinct (the union calendar).</summary>
    public static long[] Union(IReadOnlyList<BarSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var total = 0;
        foreach (var s in series)
        {
            total += s.Count;
        }

        var all = new long[total];
        var k = 0;
        foreach (var s in series)
        {
            s.Timestamps.CopyTo(all, k);
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
