using Tessera.Exchange.Tests.Support;
using Tessera.Exchange.Trading;
using Xunit;

namespace Tessera.Exchange.Tests.Http;

/// <summary>Every route refuses malformed input with an Alpaca-shaped error, and nothing in the exchange changes.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private LocalExchange _ex = null!;

    public async Task InitializeAsync()
    {
        _ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00");
        await _ex.AdvanceAsync("2013-10-07 10:00:30");
    }

    public async Task DisposeAsync() => await _ex.DisposeAsync();

    public static TheoryData<string, int, string> Orders => new()
    {
        { "{", 400, "request body format is invalid" },
        { "{\"symbol\":\"SPY\"} trailing", 400, "request body format is invalid" },
        { "[]", 422, "invalid body" },
        { "\"buy\"", 422, "invalid body" },
        { new string('[', 200) + new string(']', 200), 400, "request body format is invalid" },
        { """{"symbol":"SPY","qty":"-5","side":"buy","type":"market","time_in_force":"day"}""", 422, "qty must be > 0" },
        { """{"symbol":"SPY","qty":"NaN","side":"buy","type":"market","time_in_force":"day"}""", 422, "invalid qty" },
        { """{"symbol":"SPY","qty":"Infinity","side":"buy","type":"market","time_in_force":"day"}""", 422, "invalid qty" },
        { """{"symbol":"SPY","qty":1e400,"side":"buy","type":"market","time_in_force":"day"}""", 422, "invalid qty" },
        { """{"symbol":"SPY","qty":true,"side":"buy","type":"market","time_in_force":"day"}""", 422, "invalid qty" },
        { """{"symbol":"SPY","qty":"1","side":5,"type":"market","time_in_force":"day"}""", 422, "invalid side" },
        { """{"symbol":"SPY","qty":"1","side":"hold","type":"market","time_in_force":"day"}""", 422, "invalid side" },
        { """{"symbol":"SPY","qty":"1","side":"buy","type":"iceberg","time_in_force":"day"}""", 422, "invalid type" },
        { """{"symbol":"SPY","qty":"1","side":"buy","type":"market","time_in_force":"forever"}""", 422, "invalid time_in_force" },
        { """{"symbol":"SPY","qty":"1","side":"buy","type":"market","time_in_force":"day","extended_hours":"yes"}""", 422, "invalid extended_hours" },
        { """{"symbol":"SPY","qty":"1","side":"buy","type":"limit","time_in_force":"day","limit_price":"abc"}""", 422, "invalid limit_price" },
        { """{"symbol":"SPY","qty":"1","side":"buy","type":"limit","time_in_force":"day"}""", 422, "limit_price is required" },
        { """{"symbol":"ZZZZ","qty":"1","side":"buy","type":"market","time_in_force":"day"}""", 422, "asset \\\"ZZZZ\\\" not found" },
        { """{"symbol":42,"qty":"1","side":"buy","type":"market","time_in_force":"day"}""", 422, "invalid symbol" },
        { """{"qty":"1","side":"buy","type":"market","time_in_force":"day"}""", 422, "symbol is required" },
        { """{"symbol":"SPY","qty":"1","side":"buy","type":"market","time_in_force":"day","take_profit":"110"}""", 422, "invalid take_profit" },
        { """{"symbol":"SPY","qty":"1","side":"buy","type":"market","time_in_force":"day","order_class":"triple"}""", 422, "invalid order_class" },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Order_bodies_are_refused_with_the_field_named(string body, int status, string message)
    {
        var (code, text, _) = await _ex.SendAsync(HttpMethod.Post, "v2/orders", body);
        Assert.Equal(status, code);
        Assert.StartsWith("{\"code\":", text, StringComparison.Ordinal);
        Assert.Contains(message, text, StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var huge = "{\"symbol\":\"SPY\",\"pad\":\"" + new string('x', 70_000) + "\"}";
        var (status, text, _) = await _ex.SendAsync(HttpMethod.Post, "v2/orders", huge);
        Assert.Equal(413, status);
        Assert.Contains("too large", text, StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("GET", "v2/orders?limit=0")]
    [InlineData("GET", "v2/orders?limit=abc")]
    [InlineData("GET", "v2/orders?status=bogus")]
    [InlineData("GET", "v2/orders?after=yesterday")]
    [InlineData("GET", "v2/orders?nested=maybe")]
    [InlineData("GET", "v2/orders:by_client_order_id")]
    [InlineData("GET", "v2/account/activities?page_size=1000")]
    [InlineData("GET", "v2/account/activities?activity_types=FILL,NOPE")]
    [InlineData("GET", "v2/account/activities/NOPE")]
    [InlineData("GET", "v2/calendar?start=2020-01-01&end=2019-01-01")]
    [InlineData("GET", "v2/assets?status=zombie")]
    [InlineData("DELETE", "v2/positions?cancel_orders=perhaps")]
    [InlineData("PATCH", "v2/orders/00000000-0000-4000-8000-000000000000")]
    public async Task Query_and_route_parameters_are_validated(string method, string path)
    {
        var (status, text, _) = await _ex.SendAsync(new HttpMethod(method), path, method == "PATCH" ? "{\"limit_price\":\"1\"}" : null);
        Assert.True(status is 404 or 422, $"{path}: {status} {text}");
        Assert.StartsWith("{\"code\":", text, StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Refused_requests_consume_no_ids()
    {
        foreach (var (body, _, _) in Orders.Select(r => ((string)r[0], (int)r[1], (string)r[2])))
        {
            await _ex.SendAsync(HttpMethod.Post, "v2/orders", body);
        }

        var placed = await _ex.Trading.SubmitOrderAsync(new Tessera.Alpaca.Model.OrderRequest { Symbol = "SPY", Qty = 1, Side = Tessera.Alpaca.Model.OrderSide.Buy, Type = Tessera.Alpaca.Model.OrderType.Limit, TimeInForce = Tessera.Alpaca.Model.TimeInForce.Day, LimitPrice = 90, ClientOrderId = "c" });
        // A fresh venue with the same seed names its first order the same: no id was spent on refused requests.
        var fresh = new VenueScript(TestTapes.OneDay(), "2013-10-07 10:00:30", new VenueOptions { Costs = CostModel.Free });
        var first = fresh.Submit(VenueScript.Buy(1, Tessera.Alpaca.Model.OrderType.Limit, limit: 90) with { ClientOrderId = "c" });
        Assert.Equal(first.Id.ToString("D"), placed.Id);
    }

    [Theory]
    [InlineData("{", 400)]
    [InlineData("[1]", 422)]
    [InlineData("{\"qty\":\"-1\"}", 422)]
    [InlineData("{\"qty\":\"NaN\"}", 422)]
    [InlineData("{\"qty\":{}}", 422)]
    [InlineData("{\"limit_price\":\"0\"}", 422)]
    [InlineData("{\"stop_price\":\"99\"}", 422)]
    [InlineData("{\"time_in_force\":\"sometimes\"}", 422)]
    [InlineData("{\"client_order_id\":\"taken\"}", 422)]
    public async Task Replace_bodies_are_refused_and_the_order_is_untouched(string body, int status)
    {
        var order = await _ex.Trading.SubmitOrderAsync(new Tessera.Alpaca.Model.OrderRequest { Symbol = "SPY", Qty = 3, Side = Tessera.Alpaca.Model.OrderSide.Buy, Type = Tessera.Alpaca.Model.OrderType.Limit, TimeInForce = Tessera.Alpaca.Model.TimeInForce.Gtc, LimitPrice = 90, ClientOrderId = "taken" });
        var before = (await _ex.SendAsync(HttpMethod.Get, "v2/orders?status=all")).Body;
        var (code, text, _) = await _ex.SendAsync(HttpMethod.Patch, "v2/orders/" + order.Id, body);
        Assert.Equal(status, code);
        Assert.StartsWith("{\"code\":", text, StringComparison.Ordinal);
        Assert.Equal(before, (await _ex.SendAsync(HttpMethod.Get, "v2/orders?status=all")).Body);
        Assert.Equal(413, (await _ex.SendAsync(HttpMethod.Patch, "v2/orders/" + order.Id, "{\"qty\":\"1\",\"pad\":\"" + new string('x', 70_000) + "\"}")).Status);
        Assert.Equal(before, (await _ex.SendAsync(HttpMethod.Get, "v2/orders?status=all")).Body);
    }

    private async Task AssertNothingChangedAsync()
    {
        Assert.Empty(await _ex.Trading.ListOrdersAsync(new Tessera.Alpaca.Model.OrderQuery { Status = Tessera.Alpaca.Model.OrderStatusFilter.All }));
        Assert.Empty(await _ex.Trading.ListActivitiesAsync());
        var account = await _ex.Trading.GetAccountAsync();
        Assert.Equal((100_000m, 100_000m), (account.Cash, account.Equity!.Value));
        Assert.Empty(await _ex.Trading.ListPositionsAsync());
    }
}
