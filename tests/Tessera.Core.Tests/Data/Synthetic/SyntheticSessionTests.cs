using Tessera.Core.Data;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Core.Tests.Data.Synthetic;

public sealed class SyntheticSessionTests
{
    private static readonly DateTime Day = new(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Trades_are_sorted_inside_the_session_and_print_within_the_quote()
    {
        var session = SyntheticSession.Generate(new SyntheticSessionSpec("NYSE:SYN1", Day, 3) { Trades = 5000 });
        var open = BarSeries.ToUnixMs(Day.AddHours(13.5));
        var close = BarSeries.ToUnixMs(Day.AddHours(20));
        var trades = session.Trades;
        var quotes = session.Quotes;
        Assert.Equal(5000, trades.Count);
        Assert.Equal(trades.Timestamps, quotes.Timestamps);
        Assert.Equal("NYSE:SYN1", trades.Symbol);
        for (var k = 0; k < trades.Count; k++)
        {
            Assert.InRange(trades.Timestamps[k], open, close - 1);
            if (k > 0)
            {
                Assert.True(trades.Timestamps[k] >= trades.Timestamps[k - 1]);
            }

            Assert.True(quotes.Bid[k] > 0 && quotes.Bid[k] < quotes.Ask[k]);
            Assert.InRange(trades.Price[k], quotes.Bid[k], quotes.Ask[k]);
            Assert.True(trades.Size[k] >= 100 && trades.Size[k] % 100 == 0);
            Assert.True(quotes.BidSize[k] > 0 && quotes.AskSize[k] > 0);
        }
    }

    [Fact]
    public void Activity_is_u_shaped_busier_at_open_and_close_than_at_midday()
    {
        var session = SyntheticSession.Generate(new SyntheticSessionSpec("SYN1", Day, 4) { Trades = 20000 });
        var open = BarSeries.ToUnixMs(Day.AddHours(13.5));
        var halfHour = 30 * 60 * 1000L;
        var first = session.Trades.Timestamps.Count(t => t < open + halfHour);
        var middle = session.Trades.Timestamps.Count(t => t >= open + (6 * halfHour) && t < open + (7 * halfHour));
        Assert.True(first > 2 * middle, $"first half hour {first} vs midday half hour {middle}");
    }

    [Fact]
    public void Same_seed_same_session_different_seed_differs()
    {
        var a = SyntheticSession.Generate(new SyntheticSessionSpec("SYN1", Day, 8) { Trades = 1000 });
        var b = SyntheticSession.Generate(new SyntheticSessionSpec("SYN1", Day, 8) { Trades = 1000 });
        var c = SyntheticSession.Generate(new SyntheticSessionSpec("SYN1", Day, 9) { Trades = 1000 });
        Assert.Equal(a.Trades.Price, b.Trades.Price);
        Assert.Equal(a.Trades.Timestamps, b.Trades.Timestamps);
        Assert.Equal(a.Quotes.Bid, b.Quotes.Bid);
        Assert.NotEqual(a.Trades.Price, c.Trades.Price);
    }

    [Fact]
    public void Rejects_a_non_midnight_date()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => SyntheticSession.Generate(new SyntheticSessionSpec("SYN1", Day.AddHours(1), 1)));
        Assert.Equal("date", ex.Field);
    }
}
