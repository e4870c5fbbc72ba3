using Tessera.Alpaca.Errors;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Persistence;
using Tessera.Exchange.Tests.Support;
using Tessera.Testing;
using Xunit;

namespace Tessera.Exchange.Tests.Persistence;

/// <summary>Account state (cash, positions, orders, activities, ids) survives a restart; reset goes back to the starting cash.</summary>
public abstract class RestartTestsBase
{
    protected abstract IExchangeStateStore NewStore();

    private static Task<LocalExchange> StartAsync(IExchangeStateStore store) =>
        LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 10:00:30", o => o with { Store = store, AccountKey = "restart" });

    [Fact]
    public async Task State_survives_a_restart_and_the_client_order_ids_stay_taken()
    {
        var store = NewStore();
        string restingId;
        string filledId;
        await using (var first = await StartAsync(store))
        {
            Assert.False(first.Host.Restored);
            filledId = (await first.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 10, Side = OrderSide.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Day, ClientOrderId = "bought" })).Id;
            restingId = (await first.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 5, Side = OrderSide.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, LimitPrice = 90m, ClientOrderId = "resting" })).Id;
        }

        await using var second = await StartAsync(store);
        Assert.True(second.Host.Restored);
        var account = await second.Trading.GetAccountAsync();
        Assert.Equal(99_000m, account.Cash);
        var position = Assert.Single(await second.Trading.ListPositionsAsync());
        Assert.Equal((10m, 100m), (position.Qty, position.AvgEntryPrice));
        Assert.Equal(OrderStatus.Filled, (await second.Trading.GetOrderAsync(filledId)).Status);
        Assert.Equal(OrderStatus.New, (await second.Trading.GetOrderByClientOrderIdAsync("resting")).Status);
        Assert.Single(await second.Trading.ListActivitiesAsync());
        await Assert.ThrowsAsync<AlpacaDuplicateClientOrderIdException>(() => second.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, LimitPrice = 80m, ClientOrderId = "bought" }));
        var fresh = await second.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, LimitPrice = 80m });
        Assert.DoesNotContain(fresh.Id, new[] { filledId, restingId });
        await second.Trading.CancelOrderAsync(restingId);
        Assert.Equal(OrderStatus.Canceled, (await second.Trading.GetOrderAsync(restingId)).Status);
    }

    [Fact]
    public async Task Reset_returns_to_the_starting_cash_and_is_what_the_next_start_loads()
    {
        var store = NewStore();
        await using (var first = await StartAsync(store))
        {
            await first.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 10, Side = OrderSide.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Day, ClientOrderId = "gone" });
            var (status, _, _) = await first.SendAsync(HttpMethod.Post, "admin/reset");
            Assert.Equal(200, status);
            Assert.Equal(100_000m, (await first.Trading.GetAccountAsync()).Cash);
        }

        await using var second = await StartAsync(store);
        Assert.Equal(100_000m, (await second.Trading.GetAccountAsync()).Cash);
        Assert.Empty(await second.Trading.ListPositionsAsync());
        Assert.Empty(await second.Trading.ListOrdersAsync(new OrderQuery { Status = OrderStatusFilter.All }));
        Assert.Empty(await second.Trading.ListActivitiesAsync());
        // After a reset the client order id is free again.
        await second.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, LimitPrice = 50m, ClientOrderId = "gone" });
    }
}

public sealed class InMemoryRestartTests : RestartTestsBase
{
    protected override IExchangeStateStore NewStore() => new InMemoryStateStore();
}

[Collection(AzuriteCollection.Name)]
public sealed class TableStorageRestartTests(AzuriteFixture azurite) : RestartTestsBase
{
    private static int _tables;

    protected override IExchangeStateStore NewStore() =>
        new TableStateStore(azurite.ConnectionString, "ExchangeRestart" + Interlocked.Increment(ref _tables).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
