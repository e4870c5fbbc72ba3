using Tessera.Alpaca.Model;
using Tessera.Alpaca.Streaming;
using Tessera.Testing;
using Tessera.Trading.Orders;
using Tessera.Trading.Tests.Orders.Support;
using Xunit;

namespace Tessera.Trading.Tests.Orders;

[Collection(OrdersAzuriteCollection.Name)]
public sealed class TradeUpdateAdapterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_exchanges_trade_update_stream_moves_a_resting_order_to_filled()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());
        await using var stream = new AlpacaTradeUpdatesStream(ex.ClientOptions);
        await stream.StartAsync();
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await stream.Messages.ReadAsync(bounded.Token) is not TradeStreamControl { Stream: "listening" })
        {
        }

        var adapter = new TradeUpdateAdapter(h.Manager, new OrderPoller(h.Manager));
        using var stop = new CancellationTokenSource();
        var running = adapter.RunAsync(stream, stop.Token);

        // A buy limit at 99.90 rests below the 100.00 market, then the 10:02 print at 99.90 fills it.
        var intent = OrdersHarness.Buy(20, qty: 300m, limit: 99.90m, tif: TimeInForce.Gtc);
        Assert.Equal(SubmissionOutcome.Submitted, (await h.Manager.SubmitAsync(intent)).Outcome);
        await ex.Host.AdvanceToAsync(OrdersExchange.TenAm.AddMinutes(2).AddSeconds(30));

        OrderRecord record;
        do
        {
            await Task.Delay(20, bounded.Token);
            record = (await h.Manager.Orders.GetAsync(OrdersHarness.Account, intent.ClientOrderId, bounded.Token))!.Record;
        }
        while (record.State != OrderState.Filled);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.Equal(300m, record.FilledQuantity);
        Assert.Equal(99.90m, record.AveragePrice);
        Assert.StartsWith("stream:", record.LastEvent, StringComparison.Ordinal);
        Assert.Equal(("SUBMITTED", "FILLED"), h.Ledger.Transitions(intent.ClientOrderId)[^1]);
        Assert.True(adapter.Applied >= 1);
        Assert.Equal(1, h.Broker.TotalPosts);
    }

    [Fact]
    public async Task Updates_for_orders_the_oms_does_not_track_are_counted_and_change_nothing()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());
        var adapter = new TradeUpdateAdapter(h.Manager, new OrderPoller(h.Manager));
        var update = new TradeUpdate
        {
            Event = TradeEvent.Fill,
            Order = new Order { Id = "b-x", ClientOrderId = "someone-elses", Symbol = "SPY", Status = OrderStatus.Filled, FilledQty = 1m, Qty = 1m },
        };

        Assert.Null(await adapter.HandleAsync(new TradeUpdateMessage(update)));
        Assert.Null(await adapter.HandleAsync(new TradeStreamControl("listening", "listening", ["trade_updates"])));
        Assert.Equal(1, adapter.Untracked);
        Assert.Equal(0, adapter.Applied);
        Assert.Empty(await h.Manager.Orders.ListAsync(OrdersHarness.Account));
        Assert.Empty(h.Ledger.Entries);
    }

    [Fact]
    public async Task A_reconnect_triggers_a_poll_of_open_orders()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());
        var intent = OrdersHarness.Buy(21, qty: 300m, limit: 99.90m, tif: TimeInForce.Gtc);
        await h.Manager.SubmitAsync(intent);
        await ex.Host.AdvanceToAsync(OrdersExchange.TenAm.AddMinutes(2).AddSeconds(30));
        var adapter = new TradeUpdateAdapter(h.Manager, new OrderPoller(h.Manager));

        // The fill happened while the stream was down: the Reconnected notice makes the adapter poll.
        await adapter.HandleAsync(new TradeStreamLifecycle(StreamLifecycleEvent.Reconnected, 1, null));

        Assert.Equal(OrderState.Filled, (await h.Manager.Orders.GetAsync(OrdersHarness.Account, intent.ClientOrderId))!.Record.State);
    }
}
