using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Testing;
using Tessera.Trading.Orders;
using Tessera.Trading.Tests.Orders.Support;
using Xunit;

namespace Tessera.Trading.Tests.Orders;

/// <summary>Broker snapshots applied to a stored record: each transition, fill update, stale and untracked case, as the ledger sees it.</summary>
[Collection(OrdersAzuriteCollection.Name)]
public sealed class OrderManagerApplyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Partial_fills_a_stale_event_and_the_final_cancel_are_written_and_audited_in_order()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());
        var intent = OrdersHarness.Buy(30, qty: 300m, limit: 99.90m, tif: TimeInForce.Gtc);
        var submitted = (await h.Manager.SubmitAsync(intent)).Record;
        Assert.Equal(OrderState.Submitted, submitted.State);
        BrokerOrder Snapshot(OrderStatus status, decimal filled) => new(
            submitted.BrokerOrderId!, intent.ClientOrderId, new Instrument("SPY", AssetClass.UsEquity), OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, 300m, null, filled, filled > 0 ? 99.90m : null, 99.90m, null, status, null, null);

        Assert.Equal(ApplyKind.Transitioned, (await h.Manager.ApplyBrokerOrderAsync(Snapshot(OrderStatus.PartiallyFilled, 100m), "stream:partial_fill"))!.Kind);
        Assert.Equal(ApplyKind.Updated, (await h.Manager.ApplyBrokerOrderAsync(Snapshot(OrderStatus.PartiallyFilled, 200m), "stream:partial_fill"))!.Kind);
        Assert.Equal(ApplyKind.Stale, (await h.Manager.ApplyBrokerOrderAsync(Snapshot(OrderStatus.New, 0m), "stream:new"))!.Kind);
        Assert.Equal(ApplyKind.Transitioned, (await h.Manager.ApplyBrokerOrderAsync(Snapshot(OrderStatus.Canceled, 200m), "stream:canceled"))!.Kind);
        Assert.Equal(ApplyKind.Conflict, (await h.Manager.ApplyBrokerOrderAsync(Snapshot(OrderStatus.Filled, 300m), "poll"))!.Kind);
        Assert.Null(await h.Manager.ApplyBrokerOrderAsync(Snapshot(OrderStatus.Filled, 300m) with { ClientOrderId = "not-ours" }, "poll"));

        var record = (await h.Manager.Orders.GetAsync(OrdersHarness.Account, intent.ClientOrderId))!.Record;
        Assert.Equal((OrderState.Cancelled, 200m, 99.90m, "stream:canceled"), (record.State, record.FilledQuantity, record.AveragePrice, record.LastEvent));
        Assert.Equal(
            [("PENDING", "APPROVED"), ("APPROVED", "SUBMITTED"), ("SUBMITTED", "PARTIALLY_FILLED"), ("PARTIALLY_FILLED", "CANCELLED")],
            h.Ledger.Transitions(intent.ClientOrderId));
        var fillUpdate = Assert.Single(h.Ledger.Entries, e => e.Kind == OrderLedgerKinds.FillUpdate);
        Assert.Equal(200m, (decimal)fillUpdate.Payload["filled_qty"]!);
        Assert.Equal(
            [OrderEventCodes.Submitted, OrderEventCodes.PartiallyFilled, OrderEventCodes.PartiallyFilled, OrderEventCodes.Cancelled],
            h.Events.Events.Select(e => e.Code));
    }
}
