using Tessera.Core.Data;
using Xunit;

namespace Tessera.Core.Tests.Data;

public sealed class TradingCalendarTests
{
    private static BarSeries Series(string symbol, long[] t)
    {
        var x = new double[t.Length];
        return new BarSeries(symbol, t, x, x, x, x, x);
    }

    [Fact]
    public void Union_is_ascending_distinct_and_covers_every_series()
    {
        Assert.Equal([1L, 2, 3, 5, 8], TradingCalendar.Union([Series("A", [2, 3, 8]), Series("B", [1, 2, 5, 8]), Series("C", [])]));
        Assert.Empty(TradingCalendar.Union([]));
    }

    [Fact]
    public void The_merge_of_increasing_series_equals_the_sort_of_every_timestamp()
    {
        var rng = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var series = new List<BarSeries>();
            var all = new SortedSet<long>();
            for (var s = 0; s < rng.Next(1, 12); s++)
            {
                var t = new List<long>();
                var at = (long)rng.Next(0, 20);
                for (var i = 0; i < rng.Next(0, 40); i++)
                {
                    at += rng.Next(1, 4);
                    t.Add(at);
                    all.Add(at);
                }

                series.Add(Series("S" + s, [.. t]));
            }

            Assert.Equal([.. all], TradingCalendar.Union(series));
        }
    }

    [Fact]
    public void Series_out_of_order_or_with_repeats_still_give_the_ascending_distinct_union()
    {
        Assert.Equal([1L, 2, 3, 5, 8, 9], TradingCalendar.Union([Series("A", [8, 3, 2]), Series("B", [1, 2, 2, 5]), Series("C", [9])]));
    }
}
