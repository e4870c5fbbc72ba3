using Tessera.Core.Errors;

namespace Tessera.Core.Meta;

/// <summary>The dates of one sleeve that are not in every other sleeve, dropped by the inner join.</summary>
public sealed record DroppedDates(string Sleeve, int Count, long[] Timestamps);

/// <summary>
/// The meta returns matrix: the dates every sleeve has (inner join, ascending), one column per sleeve (in sleeve
/// order) and, per sleeve, the basket on the same dates; with what the join dropped from each sleeve.
/// </summary>
public sealed record MetaReturnsMatrix(long[] Timestamps, string[] Sleeves, double[][] Columns, double[][] Baskets, IReadOnlyList<DroppedDates> Dropped)
{
    public int Observations => Timestamps.Length;
}

/// <summary>
/// Calendar-safe aggregation of sleeve streams: the inner join on dates. No date is padded, filled or interpolated:
/// a date missing from one sleeve is dropped from all, and every dropped date is recorded with the sleeve that had it.
/// </summary>
public static class CalendarAggregation
{
    /// <summary>Fewest joined dates a meta optimization accepts (a covariance needs a sample).</summary>
    public const int MinimumObservations = 20;

    public static MetaReturnsMatrix InnerJoin(IReadOnlyList<SleeveStream> sleeves)
    {
        ArgumentNullException.ThrowIfNull(sleeves);
        if (sleeves.Count == 0)
        {
            throw new TesseraValidationException("sleeves", "0", "at least one sleeve stream is required");
        }

        // Count, for each date, how many sleeves have it; the joined calendar is the dates every sleeve has.
        var counts = new Dictionary<long, int>();
        foreach (var s in sleeves)
        {
            s.Validate();
            foreach (var t in s.Timestamps)
            {
                counts[t] = counts.GetValueOrDefault(t) + 1;
            }
        }

        var joined = new List<long>();
        foreach (var (t, c) in counts)
        {
            if (c == sleeves.Count)
            {
                joined.Add(t);
            }
        }

        joined.Sort();
        var dates = joined.ToArray();
        var columns = new double[sleeves.Count][];
        var baskets = new double[sleeves.Count][];
        var dropped = new List<DroppedDates>(sleeves.Count);
        for (var k = 0; k < sleeves.Count; k++)
        {
            var s = sleeves[k];
            var column = new double[dates.Length];
            var basket = new double[dates.Length];
            var lost = new List<long>();
            var j = 0;
            for (var i = 0; i < s.Timestamps.Length; i++)
            {
                if (j < dates.Length && s.Timestamps[i] == dates[j])
                {
                    column[j] = s.Returns[i];
                    basket[j] = s.Basket[i];
                    j++;
                }
                else
                {
                    lost.Add(s.Timestamps[i]);
                }
            }

            columns[k] = column;
            baskets[k] = basket;
            dropped.Add(new DroppedDates(s.Sleeve, lost.Count, [.. lost]));
        }

        var names = new string[sleeves.Count];
        for (var k = 0; k < sleeves.Count; k++)
        {
            names[k] = sleeves[k].Sleeve;
        }

        return new MetaReturnsMatrix(dates, names, columns, baskets, dropped);
    }
}
