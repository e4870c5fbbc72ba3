using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Testing;
using Tessera.Trading.Orders;
using Tessera.Trading.Tests.Orders.Support;
using Xunit;

namespace Tessera.Trading.Tests.Orders;

[Collection(OrdersAzuriteCollection.Name)]
public sealed class OrderReconcilerTests(AzuriteFixture azurite)
{
    /// <summary>Three filled IOC buys of 2 SPY each through the OMS: local books and broker agree (6 SPY held).</summary>
    private static async Task<OrdersHarness> ThreeFilledAsync(OrdersExchange ex, string connectionString)
    {
        var h = await OrdersHarness.CreateAsync(connectionString, ex.NewBroker());
        for (var i = 1; i <= 3; i++)
        {
            await h.Manager.SubmitAsync(OrdersHarness.Buy(i, qty: 2m));
        }

        await new OrderPoller(h.Manager).PollOnceAsync();
        return h;
    }

    private static Dictionary<string, decimal> Spy(decimal qty) => new(StringComparer.Ordinal) { ["SPY"] = qty };

    [Fact]
    public async Task Books_that_agree_with_the_broker_give_a_clean_report()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await ThreeFilledAsync(ex, azurite.ConnectionString);

        var report = await new OrderReconciler(h.Manager).ReconcileAsync(Spy(6m));

        Assert.True(report.IsClean, string.Join("; ", report.Differences));
        Assert.Equal(3, report.LocalOrders);
        Assert.Equal(3, report.BrokerOrders);
    }

    [Fact]
    public async Task Every_kind_of_difference_is_reported_and_repair_adopts_the_brokers_truth_in_the_ledger()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await ThreeFilledAsync(ex, azurite.ConnectionString);

        // An order placed outside the OMS (missing locally): 1 more SPY at the broker.
        using (var direct = ex.NewBroker())
        {
            await direct.SubmitOrderAsync(new BrokerOrderRequest(new Instrument("SPY", AssetClass.UsEquity), OrderSide.Buy, 1m, OrderType.Limit, TimeInForce.Ioc, 100.10m, null, "manual-1"));
        }

        // Corrupt the local books: a state, a filled quantity, and a record the broker never saw.
        var s1 = (await h.Manager.Orders.GetAsync(OrdersHarness.Account, "cid-00001"))!;
        await h.Manager.Orders.TryReplaceAsync(s1.Record with { State = OrderState.Cancelled, FinalState = OrderState.Cancelled }, s1.ETag);
        var s2 = (await h.Manager.Orders.GetAsync(OrdersHarness.Account, "cid-00002"))!;
        await h.Manager.Orders.TryReplaceAsync(s2.Record with { FilledQuantity = 1m }, s2.ETag);
        await h.Manager.Orders.InsertIfAbsentAsync(s1.Record with { ClientOrderId = "ghost-1", DecisionId = "dec-ghost", BrokerOrderId = Guid.NewGuid().ToString() });
        var ledgerBefore = h.Ledger.Entries.Count;

        var reconciler = new OrderReconciler(h.Manager);
        var report = await reconciler.ReconcileAsync(Spy(6m));

        var state = Assert.Single(report.Differences.OfType<OrderStateMismatch>());
        Assert.Equal(("cid-00001", OrderState.Cancelled, OrderState.Filled), (state.Local.ClientOrderId, state.LocalState, state.BrokerState));
        var qty = Assert.Single(report.Differences.OfType<OrderQuantityMismatch>());
        Assert.Equal(("cid-00002", 1m, 2m), (qty.Local.ClientOrderId, qty.LocalFilled, qty.BrokerFilled));
        Assert.Equal("ghost-1", Assert.Single(report.Differences.OfType<OrderMissingAtBroker>()).Local.ClientOrderId);
        Assert.Equal("manual-1", Assert.Single(report.Differences.OfType<OrderMissingLocally>()).BrokerOrder.ClientOrderId);
        var position = Assert.Single(report.Differences.OfType<PositionMismatch>());
        Assert.Equal(("SPY", 6m, 7m), (position.Symbol, position.Expected, position.AtBroker));
        Assert.Equal(5, report.Differences.Count);
        Assert.Equal(0, report.Repaired);
        Assert.Equal(ledgerBefore, h.Ledger.Entries.Count);

        var repaired = await reconciler.ReconcileAsync(Spy(6m), repair: true);
        Assert.Equal(3, repaired.Repaired);
        Assert.Equal(["missing_locally", "quantity_mismatch", "state_mismatch"], repaired.Differences.Where(d => d.Repaired).Select(d => d.Code).Order(StringComparer.Ordinal));
        var adoptions = h.Ledger.Entries.Skip(ledgerBefore).ToList();
        Assert.Equal(3, adoptions.Count);
        Assert.All(adoptions, e => Assert.Equal(OrderLedgerKinds.Adopted, e.Kind));

        Assert.Equal(OrderState.Filled, (await h.Manager.Orders.GetAsync(OrdersHarness.Account, "cid-00001"))!.Record.State);
        Assert.Equal(2m, (await h.Manager.Orders.GetAsync(OrdersHarness.Account, "cid-00002"))!.Record.FilledQuantity);
        Assert.Equal(OrderState.Filled, (await h.Manager.Orders.GetAsync(OrdersHarness.Account, "manual-1"))!.Record.State);

        // What repair cannot adopt stays reported: the ghost record and the position the caller expected.
        var after = await reconciler.ReconcileAsync(Spy(7m));
        Assert.Equal("missing_at_broker", Assert.Single(after.Differences).Code);
    }

    [Fact]
    public async Task A_closed_order_is_compared_by_its_final_state()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await ThreeFilledAsync(ex, azurite.ConnectionString);
        await h.Manager.CloseAsync("cid-00003");

        Assert.True((await new OrderReconciler(h.Manager).ReconcileAsync()).IsClean);
    }
}
