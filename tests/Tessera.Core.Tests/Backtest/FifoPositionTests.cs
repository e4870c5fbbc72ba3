using Tessera.Core.Backtest;
using Xunit;

namespace Tessera.Core.Tests.Backtest;

public sealed class FifoPositionTests
{
    [Fact]
    public void Partial_closes_consume_lots_first_in_first_out_with_pro_rata_commissions()
    {
        var p = new FifoPosition("A");
        var trades = new List<Trade>();
        p.Apply(+1, 10, 100, 1, 0, 0, "entry", trades);
        p.Apply(+1, 10, 110, 1, 1, 1, "entry", trades);
        p.Apply(-1, 15, 120, 3, 2, 2, "exit", trades);

        // 10 @100 -> 120: gross 200, commission 1 + 3 * 10/15 = 3. 5 @110 -> 120: gross 50, commission 0.5 + 1 = 1.5.
        Assert.Equal(2, trades.Count);
        Assert.Equal(10, trades[0].Quantity);
        Assert.Equal(200 - 3, trades[0].NetPnl, 12);
        Assert.Equal(5, trades[1].Quantity);
        Assert.Equal(110, trades[1].EntryPrice);
        Assert.Equal(50 - 1.5, trades[1].NetPnl, 12);
        Assert.Equal(5, p.Quantity);

        // Selling 10 @100 closes the 5 left (entry commission 0.5 remains on them) and opens a 5-share short.
        p.Apply(-1, 10, 100, 2, 3, 3, "flip", trades);
        Assert.Equal(3, trades.Count);
        Assert.Equal((5 * (100 - 110)) - (0.5 + 1), trades[2].NetPnl, 12);
        Assert.Equal(-5, p.Quantity);
        Assert.Equal(Side.Short, p.Direction);
        Assert.Equal(3, p.FirstEntryBar);
    }
}
