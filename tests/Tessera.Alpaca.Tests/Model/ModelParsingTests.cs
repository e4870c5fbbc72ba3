using System.Text.Json;
using Tessera.Alpaca.Json;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Tests.Support;
using Xunit;

namespace Tessera.Alpaca.Tests.Model;

public sealed class ModelParsingTests
{
    [Fact]
    public void An_order_with_nanoseconds_unknown_fields_and_an_empty_class_parses()
    {
        var o = JsonSerializer.Deserialize<Order>(Fixtures.Order, AlpacaJson.Options)!;
        Assert.Equal("61e69015-8549-4bfd-b9c3-01e75843f47d", o.Id);
        Assert.Equal(500m, o.Notional);
        Assert.Null(o.Qty);
        Assert.Equal(OrderClass.Simple, o.Class);
        Assert.Equal(OrderStatus.Accepted, o.Status);
        Assert.Equal(AssetClass.UsEquity, o.AssetClass);
        // 18:38:01.942282123 truncates to seven fractional digits, not rounds.
        Assert.Equal(new DateTimeOffset(2021, 3, 16, 18, 38, 1, TimeSpan.Zero).AddTicks(9_422_821), o.UpdatedAt);
        Assert.True(o.IsOpen);
    }

    [Fact]
    public void An_account_without_PDT_fields_and_with_new_nested_fields_parses()
    {
        var a = JsonSerializer.Deserialize<Account>(Fixtures.Account, AlpacaJson.Options)!;
        Assert.Equal(52840.17m, a.Cash);
        Assert.Equal(99870.10m, a.LastEquity);
        Assert.Null(a.PatternDayTrader);
        Assert.Null(a.DaytradeCount);
        Assert.Equal(2m, a.Multiplier);
    }

    [Fact]
    public void A_short_fractional_position_parses_exactly()
    {
        var p = JsonSerializer.Deserialize<Position>(Fixtures.Position, AlpacaJson.Options)!;
        Assert.Equal(-12.345678901m, p.Qty);
        Assert.Equal(Tessera.Core.Side.Short, p.Side);
    }

    [Fact]
    public void Unknown_enum_values_and_missing_optional_fields_do_not_fail()
    {
        const string json = """{"id":"x","symbol":"SPY","status":"on_the_moon","side":"buy","type":"market","time_in_force":"day","filled_qty":""}""";
        var o = JsonSerializer.Deserialize<Order>(json, AlpacaJson.Options)!;
        Assert.Equal(OrderStatus.Unknown, o.Status);
        Assert.Equal(0m, o.FilledQty);
        Assert.Null(o.CreatedAt);
        Assert.Null(o.Legs);
    }

    [Fact]
    public void Decimals_are_read_from_strings_and_numbers_and_written_as_strings()
    {
        var bar = JsonSerializer.Deserialize<Bar>("""{"t":"2013-10-07T13:30:00Z","o":167.41,"h":"167.5","l":167,"c":167.2,"v":1200,"n":12,"vw":167.3}""", AlpacaJson.Options)!;
        Assert.Equal(167.41m, bar.Open);
        Assert.Equal(167.5m, bar.High);
        var request = new OrderRequest { Symbol = "SPY", Qty = 1.5m, Side = OrderSide.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Ioc, LimitPrice = 100.25m };
        var text = JsonSerializer.Serialize(request, AlpacaJson.Options);
        Assert.Contains("\"qty\":\"1.5\"", text, StringComparison.Ordinal);
        Assert.Contains("\"time_in_force\":\"ioc\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("notional", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_decimal_is_an_error_not_a_silent_zero() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Account>("""{"id":"a","status":"ACTIVE","cash":"12,5O"}""", AlpacaJson.Options));

    [Fact]
    public void Bracket_legs_parse_as_orders()
    {
        const string json = """{"id":"p","symbol":"SPY","order_class":"bracket","status":"new","legs":[{"id":"tp","symbol":"SPY","type":"limit","status":"held","limit_price":"110"},{"id":"sl","symbol":"SPY","type":"stop","status":"held","stop_price":"90"}]}""";
        var o = JsonSerializer.Deserialize<Order>(json, AlpacaJson.Options)!;
        Assert.Equal(OrderClass.Bracket, o.Class);
        Assert.Equal(2, o.Legs!.Count);
        Assert.Equal(OrderStatus.Held, o.Legs[0].Status);
        Assert.Equal(90m, o.Legs[1].StopPrice);
    }
}
