using Tessera.Alpaca.Model;
using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Alpaca.Tests.Model;

public sealed class OrderRequestRulesTests
{
    private static OrderRequest Limit(decimal qty = 10) => new() { Symbol = "SPY", Qty = qty, Side = OrderSide.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Day, LimitPrice = 100m };

    public static TheoryData<string, OrderRequest> Violations => new()
    {
        { "qty", Limit(0) },
        { "qty", Limit(-5) },
        { "qty", Limit() with { Notional = 100 } },
        { "qty", Limit() with { Qty = null } },
        { "limit_price", Limit() with { LimitPrice = null } },
        { "limit_price", Limit() with { Type = OrderType.Market } },
        { "limit_price", Limit() with { LimitPrice = -1 } },
        { "stop_price", Limit() with { StopPrice = 99 } },
        { "stop_price", Limit() with { Type = OrderType.StopLimit } },
        { "trail_price", new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Sell, Type = OrderType.TrailingStop, TimeInForce = TimeInForce.Gtc, TrailPrice = 1, TrailPercent = 2 } },
        { "trail_percent", new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Sell, Type = OrderType.TrailingStop, TimeInForce = TimeInForce.Gtc, TrailPercent = 150 } },
        { "extended_hours", Limit() with { Type = OrderType.Market, LimitPrice = null, ExtendedHours = true } },
        { "extended_hours", Limit() with { TimeInForce = TimeInForce.Gtc, ExtendedHours = true } },
        { "time_in_force", new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Buy, Type = OrderType.Stop, StopPrice = 101, TimeInForce = TimeInForce.Ioc } },
        { "time_in_force", Limit() with { Qty = null, Notional = 500, TimeInForce = TimeInForce.Gtc } },
        { "client_order_id", Limit() with { ClientOrderId = new string('x', 129) } },
        { "order_class", Limit() with { OrderClass = OrderClass.Bracket, TakeProfit = new TakeProfit(110) } },
        { "time_in_force", Limit() with { OrderClass = OrderClass.Bracket, TimeInForce = TimeInForce.Ioc, TakeProfit = new TakeProfit(110), StopLoss = new StopLoss(90) } },
        { "take_profit.limit_price", Limit() with { OrderClass = OrderClass.Bracket, TakeProfit = new TakeProfit(80), StopLoss = new StopLoss(90) } },
        { "type", new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Sell, Type = OrderType.Market, TimeInForce = TimeInForce.Gtc, OrderClass = OrderClass.Oco, TakeProfit = new TakeProfit(110), StopLoss = new StopLoss(90) } },
        { "order_class", Limit() with { OrderClass = OrderClass.Oto, TakeProfit = new TakeProfit(110), StopLoss = new StopLoss(90) } },
        { "order_class", Limit() with { TakeProfit = new TakeProfit(110) } },
        { "symbol", Limit() with { Symbol = " " } },
        { "side", Limit() with { Side = OrderSide.Unknown } },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Each_refused_combination_names_its_field(string field, OrderRequest request)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => OrderRequestRules.Validate(request));
        Assert.Equal(field, ex.Field);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<OrderRequest> Accepted => new()
    {
        Limit(),
        Limit() with { TimeInForce = TimeInForce.Ioc },
        Limit() with { TimeInForce = TimeInForce.Fok },
        Limit() with { Qty = 0.5m },
        new OrderRequest { Symbol = "SPY", Notional = 250, Side = OrderSide.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Day },
        Limit() with { OrderClass = OrderClass.Bracket, TimeInForce = TimeInForce.Gtc, TakeProfit = new TakeProfit(110), StopLoss = new StopLoss(90, 89) },
        new OrderRequest { Symbol = "SPY", Qty = 10, Side = OrderSide.Sell, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, OrderClass = OrderClass.Oco, TakeProfit = new TakeProfit(110), StopLoss = new StopLoss(90) },
        Limit() with { OrderClass = OrderClass.Oto, StopLoss = new StopLoss(90) },
        new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Sell, Type = OrderType.TrailingStop, TimeInForce = TimeInForce.Gtc, TrailPercent = 1.5m },
        new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Buy, Type = OrderType.StopLimit, TimeInForce = TimeInForce.Opg, StopPrice = 101, LimitPrice = 102 },
        Limit() with { ExtendedHours = true },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Valid_orders_of_every_class_pass(OrderRequest request) => Assert.Null(OrderRequestRules.Check(request));
}
