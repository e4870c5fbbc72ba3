using Tessera.Alpaca.Errors;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Tests.Support;
using Xunit;

namespace Tessera.Exchange.Tests.Contract;

/// <summary>The Alpaca client against the local exchange: every trading route, parsed by the client's own models.</summary>
public sealed class TradingContractTests : IAsyncLifetime
{
    private LocalExchange _ex = null!;

    public async Task InitializeAsync()
    {
        _ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00");
        await _ex.AdvanceAsync("2013-10-07 10:00:30");
    }

    public async Task DisposeAsync() => await _ex.DisposeAsync();

    private static OrderRequest Limit(decimal qty, decimal price, OrderSide side = OrderSide.Buy, string? cid = null) =>
        new() { Symbol = "SPY", Qty = qty, Side = side, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, LimitPrice = price, ClientOrderId = cid };

    [Fact]
    public async Task Account_parses_with_every_figure()
    {
        var a = await _ex.Trading.GetAccountAsync();
        Assert.Equal(("ACTIVE", "USD"), (a.Status, a.Currency));
        Assert.Equal((100_000m, 100_000m, 100_000m), (a.Cash, a.Equity!.Value, a.LastEquity!.Value));
        Assert.Equal(200_000m, a.BuyingPower);
        Assert.Equal(2m, a.Multiplier);
        Assert.True(a.ShortingEnabled);
        Assert.Null(a.PatternDayTrader);
    }

    [Fact]
    public async Task Orders_of_every_class_round_trip_through_create_get_and_list()
    {
        var market = await _ex.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 10, Side = OrderSide.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Day, ClientOrderId = "m-1" });
        Assert.Equal((OrderStatus.New, OrderType.Market, "m-1"), (market.Status, market.Type, market.ClientOrderId!));
        var filled = await _ex.Trading.GetOrderAsync(market.Id);
        Assert.Equal((OrderStatus.Filled, 10m, 100.00m), (filled.Status, filled.FilledQty, filled.FilledAvgPrice!.Value));
        Assert.NotNull(filled.FilledAt);

        var bracket = await _ex.Trading.SubmitOrderAsync(Limit(10, 99m) with { TimeInForce = TimeInForce.Day, OrderClass = OrderClass.Bracket, TakeProfit = new TakeProfit(105m), StopLoss = new StopLoss(95m, 94.5m) });
        Assert.Equal(OrderClass.Bracket, bracket.Class);
        Assert.Equal(2, bracket.Legs!.Count);
        Assert.Equal((OrderType.Limit, OrderStatus.Held), (bracket.Legs[0].Type, bracket.Legs[0].Status));
        Assert.Equal((OrderType.StopLimit, 95m, 94.5m), (bracket.Legs[1].Type, bracket.Legs[1].StopPrice!.Value, bracket.Legs[1].LimitPrice!.Value));

        var oco = await _ex.Trading.SubmitOrderAsync(Limit(5, 110m, OrderSide.Sell) with { LimitPrice = null, OrderClass = OrderClass.Oco, TakeProfit = new TakeProfit(110m), StopLoss = new StopLoss(90m) });
        Assert.Equal((OrderClass.Oco, 110m), (oco.Class, oco.LimitPrice!.Value));
        var oto = await _ex.Trading.SubmitOrderAsync(Limit(1, 98m) with { OrderClass = OrderClass.Oto, TakeProfit = new TakeProfit(120m) });
        Assert.Single(oto.Legs!);
        var trailing = await _ex.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 5, Side = OrderSide.Sell, Type = OrderType.TrailingStop, TimeInForce = TimeInForce.Gtc, TrailPercent = 1m });
        // The high-water mark is set when the order starts working (after the POST answer).
        var working = await _ex.Trading.GetOrderAsync(trailing.Id);
        Assert.Equal((100.00m, 99m), (working.Hwm!.Value, working.StopPrice!.Value));
        var ioc = await _ex.Trading.SubmitOrderAsync(Limit(10, 99m) with { TimeInForce = TimeInForce.Ioc });
        Assert.Equal(OrderStatus.Canceled, (await _ex.Trading.GetOrderAsync(ioc.Id)).Status);
        var notional = await _ex.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Notional = 150m, Side = OrderSide.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Day });
        Assert.Equal(150m, notional.Notional);

        var byClient = await _ex.Trading.GetOrderByClientOrderIdAsync("m-1");
        Assert.Equal(market.Id, byClient.Id);
        var open = await _ex.Trading.ListOrdersAsync(new OrderQuery { Status = OrderStatusFilter.Open, Nested = true });
        Assert.Equal(new[] { trailing.Id, oto.Id, oco.Id, bracket.Id }, open.Select(o => o.Id));
        Assert.Equal(2, open.Single(o => o.Id == bracket.Id).Legs!.Count);
        var closedSells = await _ex.Trading.ListOrdersAsync(new OrderQuery { Status = OrderStatusFilter.Closed, Side = OrderSide.Buy, Direction = SortDirection.Asc });
        Assert.Equal(new[] { market.Id, ioc.Id, notional.Id }, closedSells.Select(o => o.Id));
        Assert.Empty(await _ex.Trading.ListOrdersAsync(new OrderQuery { Status = OrderStatusFilter.All, Symbols = ["AAPL"] }));
    }

    [Fact]
    public async Task Listing_all_orders_pages_through_every_one_exactly_once()
    {
        for (var i = 0; i < 120; i++)
        {
            await _ex.Trading.SubmitOrderAsync(Limit(1, 50m + (i * 0.01m), cid: "page-" + i));
        }

        var seen = new List<string>();
        await foreach (var o in _ex.Trading.ListAllOrdersAsync(new OrderQuery { Status = OrderStatusFilter.All, Limit = 50 }))
        {
            seen.Add(o.ClientOrderId!);
        }

        Assert.Equal(120, seen.Count);
        Assert.Equal(120, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("page-119", seen[0]);
    }

    [Fact]
    public async Task Replace_cancel_and_cancel_all_answer_as_Alpaca_does()
    {
        var o = await _ex.Trading.SubmitOrderAsync(Limit(10, 95m));
        var replaced = await _ex.Trading.ReplaceOrderAsync(o.Id, new ReplaceOrderRequest { LimitPrice = 96m, Qty = 12 });
        Assert.Equal((o.Id, 96m, 12m), (replaced.Replaces!, replaced.LimitPrice!.Value, replaced.Qty!.Value));
        var old = await _ex.Trading.GetOrderAsync(o.Id);
        Assert.Equal((OrderStatus.Replaced, replaced.Id), (old.Status, old.ReplacedBy!));

        await _ex.Trading.CancelOrderAsync(replaced.Id);
        Assert.Equal(OrderStatus.Canceled, (await _ex.Trading.GetOrderAsync(replaced.Id)).Status);
        var again = await Assert.ThrowsAsync<AlpacaApiException>(() => _ex.Trading.CancelOrderAsync(replaced.Id));
        Assert.Equal((AlpacaErrorKind.Unprocessable, 422, 42210000L), (again.Kind, again.Status, again.Code!.Value));
        var missing = await Assert.ThrowsAsync<AlpacaApiException>(() => _ex.Trading.CancelOrderAsync(Guid.NewGuid().ToString()));
        Assert.Equal((AlpacaErrorKind.NotFound, 40410000L), (missing.Kind, missing.Code!.Value));

        await _ex.Trading.SubmitOrderAsync(Limit(1, 90m));
        await _ex.Trading.SubmitOrderAsync(Limit(1, 91m));
        var results = await _ex.Trading.CancelAllOrdersAsync();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.All(results, r => Assert.Equal("canceled", r.Body!.Value.GetProperty("status").GetString()));
        Assert.Empty(await _ex.Trading.ListOrdersAsync());
    }

    [Fact]
    public async Task Positions_are_listed_read_and_closed_in_part_and_in_full()
    {
        await _ex.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 80, Side = OrderSide.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Day });
        var positions = await _ex.Trading.ListPositionsAsync();
        var p = Assert.Single(positions);
        Assert.Equal(("SPY", 80m, Tessera.Core.Side.Long, 100m), (p.Symbol, p.Qty, p.Side, p.AvgEntryPrice));
        Assert.Equal(80m * 100m, p.MarketValue);
        Assert.Equal(p.Symbol, (await _ex.Trading.GetPositionAsync(p.AssetId!)).Symbol);

        var half = await _ex.Trading.ClosePositionAsync("SPY", new ClosePositionOptions { Percentage = 50 });
        Assert.Equal((OrderSide.Sell, 40m), (half.Side, half.Qty!.Value));
        Assert.Equal(40m, (await _ex.Trading.GetPositionAsync("SPY")).Qty);
        var ten = await _ex.Trading.ClosePositionAsync("SPY", new ClosePositionOptions { Qty = 10 });
        Assert.Equal(10m, ten.Qty);
        var all = await _ex.Trading.CloseAllPositionsAsync(cancelOrders: true);
        var entry = Assert.Single(all);
        Assert.Equal(("SPY", 200, 30m), (entry.Symbol, entry.Status, entry.Order()!.Qty!.Value));
        Assert.Null(await _ex.Trading.FindPositionAsync("SPY"));
        var ex = await Assert.ThrowsAsync<AlpacaApiException>(() => _ex.Trading.ClosePositionAsync("SPY"));
        Assert.Equal((404, "position does not exist"), (ex.Status, ex.AlpacaMessage));
    }

    [Fact]
    public async Task Clock_and_calendar_follow_NYSE_hours_in_New_York_time()
    {
        var clock = await _ex.Trading.GetClockAsync();
        Assert.True(clock.IsOpen);
        Assert.Equal(TimeSpan.FromHours(-4), clock.Timestamp.Offset);
        Assert.Equal(Tapes.Et("2013-10-07 16:00"), clock.NextClose);
        Assert.Equal(Tapes.Et("2013-10-08 09:30"), clock.NextOpen);

        var days = await _ex.Trading.GetCalendarAsync(new DateOnly(2013, 11, 26), new DateOnly(2013, 12, 2));
        Assert.Equal(["2013-11-26", "2013-11-27", "2013-11-29", "2013-12-02"], days.Select(d => d.Date));
        var friday = days.Single(d => d.Date == "2013-11-29");
        Assert.Equal(("09:30", "13:00", "0400", "1700"), (friday.Open, friday.Close, friday.SessionOpen!, friday.SessionClose!));
        // T+2 in 2013: Friday the 29th settles on Tuesday December 3.
        Assert.Equal("2013-12-03", friday.SettlementDate);
    }

    [Fact]
    public async Task Assets_are_listed_and_found_by_symbol_or_id()
    {
        var assets = await _ex.Trading.ListAssetsAsync(AssetStatus.Active, AssetClass.UsEquity);
        var spy = Assert.Single(assets);
        Assert.Equal(("SPY", AssetClass.UsEquity, "ARCA", true), (spy.Symbol, spy.Class, spy.Exchange!, spy.Shortable));
        Assert.Equal("SPY", (await _ex.Trading.GetAssetAsync(spy.Id)).Symbol);
        var ex = await Assert.ThrowsAsync<AlpacaApiException>(() => _ex.Trading.GetAssetAsync("NOPE"));
        Assert.Equal((404, "asset not found for NOPE"), (ex.Status, ex.AlpacaMessage));
    }

    [Fact]
    public async Task Activities_page_with_tokens_and_filter_by_type()
    {
        for (var i = 0; i < 7; i++)
        {
            await _ex.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Day });
        }

        var all = new List<AccountActivity>();
        await foreach (var a in _ex.Trading.ListAllActivitiesAsync(new ActivityQuery { PageSize = 3 }))
        {
            all.Add(a);
        }

        Assert.Equal(7, all.Count);
        Assert.Equal(7, all.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, a => Assert.Equal((ActivityType.Fill, "fill", "buy"), (a.ActivityType, a.Type!, a.Side!)));
        Assert.Empty(await _ex.Trading.ListActivitiesAsync(new ActivityQuery { Types = [ActivityType.Fee] }));
    }

    [Fact]
    public async Task Typed_errors_carry_Alpacas_code_and_message()
    {
        var bp = await Assert.ThrowsAsync<AlpacaInsufficientBuyingPowerException>(() => _ex.Trading.SubmitOrderAsync(Limit(5000, 100m)));
        Assert.Equal((200_000m, 500_000m, 40310000L), (bp.BuyingPower!.Value, bp.CostBasis!.Value, bp.Code!.Value));
        await _ex.Trading.SubmitOrderAsync(Limit(1, 50m, cid: "dup"));
        var dup = await Assert.ThrowsAsync<AlpacaDuplicateClientOrderIdException>(() => _ex.Trading.SubmitOrderAsync(Limit(1, 51m, cid: "dup")));
        Assert.Equal((422, 40010001L), (dup.Status, dup.Code!.Value));
        var unknown = await Assert.ThrowsAsync<AlpacaApiException>(() => _ex.Trading.SubmitOrderAsync(Limit(1, 50m) with { Symbol = "ZZZZ" }));
        Assert.Equal((AlpacaErrorKind.Unprocessable, "asset \"ZZZZ\" not found"), (unknown.Kind, unknown.AlpacaMessage));
        await _ex.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 5, Side = OrderSide.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Day });
        var qty = await Assert.ThrowsAsync<AlpacaApiException>(() => _ex.Trading.SubmitOrderAsync(Limit(10, 150m, OrderSide.Sell)));
        Assert.Equal((AlpacaErrorKind.InsufficientQuantity, "insufficient qty available for order (requested: 10, available: 5)"), (qty.Kind, qty.AlpacaMessage));
        var notFound = await Assert.ThrowsAsync<AlpacaApiException>(() => _ex.Trading.GetOrderByClientOrderIdAsync("never"));
        Assert.Equal(AlpacaErrorKind.NotFound, notFound.Kind);
    }

    [Fact]
    public async Task Wrong_keys_are_401_with_Alpacas_body()
    {
        var (status, body, _) = await _ex.SendAsync(HttpMethod.Get, "v2/account", auth: false);
        Assert.Equal(401, status);
        Assert.Equal("""{"code":40110000,"message":"request is not authorized"}""", body);
        var options = _ex.ClientOptions with { Credentials = new Tessera.Alpaca.Configuration.AlpacaCredentials("bad", "worse") };
        using var client = new Tessera.Alpaca.Rest.AlpacaTradingClient(options);
        var ex = await Assert.ThrowsAsync<AlpacaApiException>(() => client.GetAccountAsync());
        Assert.Equal(AlpacaErrorKind.Unauthorized, ex.Kind);
    }
}
