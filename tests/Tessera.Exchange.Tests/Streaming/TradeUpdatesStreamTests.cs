using Tessera.Alpaca.Model;
using Tessera.Alpaca.Streaming;
using Tessera.Exchange.Tests.Support;
using Xunit;
using static Tessera.Exchange.Tests.Support.StreamReading;

namespace Tessera.Exchange.Tests.Streaming;

/// <summary>The trade updates stream end to end: authenticate, listen, and every event the exchange produces.</summary>
public sealed class TradeUpdatesStreamTests
{
    private static OrderRequest Order(decimal qty, OrderType type = OrderType.Market, decimal? limit = null, TimeInForce tif = TimeInForce.Day) =>
        new() { Symbol = "SPY", Qty = qty, Side = OrderSide.Buy, Type = type, TimeInForce = tif, LimitPrice = limit };

    private static List<TradeUpdate> Updates(List<TradeStreamMessage> m) => m.OfType<TradeUpdateMessage>().Select(u => u.Update).ToList();

    [Fact]
    public async Task Every_order_event_reaches_the_client_with_the_order_and_the_execution()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00");
        await using var stream = new AlpacaTradeUpdatesStream(ex.ClientOptions, Streams.Fast);
        await stream.StartAsync();
        var listening = await UntilAsync(stream.Messages, l => l.OfType<TradeStreamControl>().Any(c => c.Stream == "listening"));
        Assert.Equal(["trade_updates"], listening.OfType<TradeStreamControl>().Last().Streams);

        var early = await ex.Trading.SubmitOrderAsync(Order(5));
        await ex.AdvanceAsync("2013-10-07 10:00:30");
        var market = await ex.Trading.SubmitOrderAsync(Order(10));
        var resting = await ex.Trading.SubmitOrderAsync(Order(300, OrderType.Limit, 99.90m));
        var toReplace = await ex.Trading.SubmitOrderAsync(Order(1, OrderType.Limit, 90m, TimeInForce.Gtc));
        var replacement = await ex.Trading.ReplaceOrderAsync(toReplace.Id, new ReplaceOrderRequest { LimitPrice = 91m });
        var toCancel = await ex.Trading.SubmitOrderAsync(Order(1, OrderType.Limit, 80m, TimeInForce.Gtc));
        await ex.Trading.CancelOrderAsync(toCancel.Id);
        await ex.AdvanceAsync("2013-10-07 16:00:01");

        var u = Updates(await UntilAsync(stream.Messages, l => Updates(l).Any(x => x.Event == TradeEvent.Expired)));
        List<TradeEvent> Of(string id) => u.Where(x => x.Order.Id == id).Select(x => x.Event).ToList();
        Assert.Equal([TradeEvent.PendingNew, TradeEvent.New, TradeEvent.Fill], Of(early.Id));
        Assert.Equal([TradeEvent.New, TradeEvent.Fill], Of(market.Id));
        Assert.Equal([TradeEvent.New, TradeEvent.PartialFill, TradeEvent.PartialFill, TradeEvent.Expired], Of(resting.Id));
        Assert.Equal([TradeEvent.New, TradeEvent.Replaced], Of(toReplace.Id));
        Assert.Equal([TradeEvent.New], Of(replacement.Id).Take(1));
        Assert.Equal([TradeEvent.New, TradeEvent.Canceled], Of(toCancel.Id));

        var fill = u.Single(x => x.Order.Id == market.Id && x.Event == TradeEvent.Fill);
        Assert.Equal((100.00m, 10m, 15m), (fill.Price!.Value, fill.Qty!.Value, fill.PositionQty!.Value));
        Assert.Equal(OrderStatus.Filled, fill.Order.Status);
        Assert.False(string.IsNullOrEmpty(fill.ExecutionId));
        var partial = u.First(x => x.Event == TradeEvent.PartialFill);
        Assert.Equal((200m, OrderStatus.PartiallyFilled), (partial.Qty!.Value, partial.Order.Status));
    }

    [Fact]
    public async Task Wrong_keys_are_refused_and_the_client_gives_up()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00");
        var options = ex.ClientOptions with { Credentials = new Tessera.Alpaca.Configuration.AlpacaCredentials("x", "y") };
        await using var stream = new AlpacaTradeUpdatesStream(options, Streams.Fast);
        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => stream.StartAsync());
        Assert.Equal(StreamErrorCode.AuthFailed, error.Code);
    }

    [Fact]
    public async Task Listening_before_authenticating_is_refused()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00");
        await using var raw = await RawSocket.ConnectAsync(ex.Host.BaseAddress, "/stream");
        await raw.SendAsync("""{"action":"listen","data":{"streams":["trade_updates"]}}""");
        Assert.Equal("""{"stream":"authorization","data":{"status":"unauthorized","action":"listen"}}""", await raw.ReceiveAsync());
        Assert.Null(await raw.ReceiveAsync());
    }
}
