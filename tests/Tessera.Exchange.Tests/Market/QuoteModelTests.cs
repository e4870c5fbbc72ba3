using Tessera.Exchange.Market;
using Xunit;

namespace Tessera.Exchange.Tests.Market;

public sealed class QuoteModelTests
{
    private static SymbolState State() => new(0, new AssetInfo(Guid.Empty, "SPY", "ARCA", "SPY", true, true, true, true, true));

    [Fact]
    public void The_tick_rule_puts_upticks_at_the_ask_and_downticks_at_the_bid()
    {
        var model = new QuoteModel(0.5);
        var s = State();
        (double, double) Print(double p)
        {
            model.OnTrade(s, p, 300, (byte)'P');
            s.RecordTrade(0, p, 300, (byte)'P');
            return (s.Bid, s.Ask);
        }

        Assert.Equal((167.40, 167.41), Print(167.41)); // first print: at the ask
        Assert.Equal((167.42, 167.43), Print(167.43)); // uptick: at the ask
        Assert.Equal((167.42, 167.43), Print(167.43)); // zero tick: same side
        Assert.Equal((167.39, 167.40), Print(167.39)); // downtick: at the bid
        Assert.Equal((300, 300), (s.BidSize, s.AskSize));
    }

    [Fact]
    public void The_spread_widens_with_price_in_whole_ticks_and_never_below_one()
    {
        var s = State();
        new QuoteModel(5).OnTrade(s, 1000.00, 10, 0);
        Assert.Equal(0.50, Math.Round(s.Ask - s.Bid, 2));
        Assert.Equal(100, s.AskSize);
        var penny = State();
        new QuoteModel(0.5).OnTrade(penny, 0.5, 10, 0);
        Assert.Equal(0.0001, Math.Round(penny.Ask - penny.Bid, 4));
    }
}
