using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Tests.Support;
using Xunit;

namespace Tessera.Exchange.Tests.Contract;

/// <summary>IBroker (what the CLI and later the order manager use) over the Alpaca client against the local exchange.</summary>
public sealed class BrokerInterfaceTests
{
    [Fact]
    public async Task The_broker_interface_trades_reads_and_closes()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00");
        await ex.AdvanceAsync("2013-10-07 10:00:30");
        using IBroker broker = new AlpacaBroker(ex.ClientOptions);
        Assert.Equal(("local", false), (broker.Descriptor.Name, broker.Descriptor.IsLive));
        Assert.DoesNotContain(LocalExchange.Secret, broker.Descriptor.ToString(), StringComparison.Ordinal);

        var spy = new Instrument("SPY", AssetClass.UsEquity);
        var shortSale = await broker.SubmitOrderAsync(new BrokerOrderRequest(spy, OrderSide.Sell, 10, OrderType.Market, TimeInForce.Day, ClientOrderId: "short-1"));
        Assert.Equal(("short-1", OrderSide.Sell), (shortSale.ClientOrderId, shortSale.Side));
        Assert.Equal(OrderStatus.Filled, (await broker.FindOrderAsync(shortSale.Id))!.Status);
        Assert.Equal(shortSale.Id, (await broker.FindOrderAsync("short-1"))!.Id);
        Assert.Null(await broker.FindOrderAsync("never-sent"));

        var position = Assert.Single(await broker.GetPositionsAsync());
        Assert.Equal((spy, -10m), (position.Instrument, position.Quantity));
        var account = await broker.GetAccountAsync();
        Assert.True(account.ShortMarketValue < 0);
        Assert.Equal("USD", account.Currency);

        var resting = await broker.SubmitOrderAsync(new BrokerOrderRequest(spy, OrderSide.Buy, 1, OrderType.Limit, TimeInForce.Gtc, LimitPrice: 50m));
        Assert.Contains(await broker.GetOrdersAsync(OrderStatusFilter.Open, 10), o => o.Id == resting.Id);
        await broker.CancelOrderAsync(resting.Id);
        var cover = await broker.ClosePositionAsync(spy);
        Assert.Equal((OrderSide.Buy, 10m), (cover.Side, cover.Quantity!.Value));
        Assert.Empty(await broker.GetPositionsAsync());
        Assert.True((await broker.GetClockAsync()).IsOpen);
    }
}
