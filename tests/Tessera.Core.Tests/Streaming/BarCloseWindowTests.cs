using Tessera.Core.Streaming;
using Xunit;

namespace Tessera.Core.Tests.Streaming;

public sealed class BarCloseWindowTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 4, 14, 30, 0, TimeSpan.Zero); // a 5-minute boundary

    [Fact]
    public void A_bar_completes_with_its_last_trade_when_a_later_bar_starts_and_only_the_last_N_are_kept()
    {
        var w = new BarCloseWindow(TimeSpan.FromMinutes(5), capacity: 3);
        Assert.False(w.OnTrade(100, T0));
        Assert.False(w.OnTrade(101, T0.AddMinutes(4).AddSeconds(59.999)));  // same bar: its close is now 101
        Assert.True(w.OnTrade(102, T0.AddMinutes(5)));                       // exactly at the boundary: bar 1 completes
        Assert.False(w.OnTrade(99, T0.AddMinutes(2)));                       // out of order: ignored
        Assert.True(w.OnTrade(103, T0.AddMinutes(20)));                      // bars without trades do not exist
        Assert.True(w.OnTrade(104, T0.AddMinutes(25)));
        Assert.True(w.OnTrade(105, T0.AddMinutes(30)));
        Span<double> closes = stackalloc double[3];
        Assert.Equal(3, w.CopyTo(closes));
        Assert.Equal([102.0, 103.0, 104.0], closes.ToArray()); // 101 dropped: capacity 3, oldest first
    }
}
