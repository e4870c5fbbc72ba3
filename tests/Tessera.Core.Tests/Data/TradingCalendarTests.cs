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
}
