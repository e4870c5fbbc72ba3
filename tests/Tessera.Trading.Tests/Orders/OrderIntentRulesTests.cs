using Tessera.Alpaca.Model;
using Tessera.Core.Errors;
using Tessera.Trading.Decisions;
using Tessera.Trading.Orders;
using Xunit;

namespace Tessera.Trading.Tests.Orders;

public sealed class OrderIntentRulesTests
{
    private static readonly OrderIntent Good = new("dec-1", "cid-1", "SPY", OrderSide.Buy, 3m, null, OrderType.Limit, TimeInForce.Ioc, 100.10m, false);

    public static TheoryData<string, string> BadIntents() => new()
    {
        { "hostile decision id", "DecisionId" },
        { "empty client order id", "ClientOrderId" },
        { "client order id of 129 characters", "ClientOrderId" },
        { "no symbol", "Symbol" },
        { "quantity and notional", "Quantity" },
        { "neither quantity nor notional", "Quantity" },
        { "notional IOC limit", "Notional" },
        { "negative notional", "Notional" },
        { "zero quantity", "Quantity" },
        { "limit order without a price", "LimitPrice" },
        { "negative limit", "LimitPrice" },
        { "market order with a limit", "LimitPrice" },
    };

    private static OrderIntent Make(string name) => name switch
    {
        "hostile decision id" => Good with { DecisionId = "dec/../1?x" },
        "empty client order id" => Good with { ClientOrderId = string.Empty },
        "client order id of 129 characters" => Good with { ClientOrderId = new string('c', 129) },
        "no symbol" => Good with { Symbol = " " },
        "quantity and notional" => Good with { Notional = 50m },
        "neither quantity nor notional" => Good with { Quantity = null },
        "notional IOC limit" => Good with { Quantity = null, Notional = 50m },
        "negative notional" => Good with { Quantity = null, Notional = -1m, Type = OrderType.Market, LimitPrice = null, TimeInForce = TimeInForce.Day },
        "zero quantity" => Good with { Quantity = 0m },
        "limit order without a price" => Good with { LimitPrice = null },
        "negative limit" => Good with { LimitPrice = -0.01m },
        "market order with a limit" => Good with { Type = OrderType.Market },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(BadIntents))]
    public void Bad_intents_are_typed_errors_naming_the_field(string name, string field)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => OrderIntentRules.Validate(Make(name)));
        Assert.Equal(field, ex.Field);
        Assert.False(string.IsNullOrEmpty(ex.Rule));
    }

    [Fact]
    public void A_good_intent_passes_and_128_characters_is_the_longest_client_order_id()
    {
        OrderIntentRules.Validate(Good);
        OrderIntentRules.Validate(Good with { ClientOrderId = new string('c', 128) });
        OrderIntentRules.Validate(Good with { Type = OrderType.Market, LimitPrice = null, TimeInForce = TimeInForce.Day });
        OrderIntentRules.Validate(Good with { Quantity = null, Notional = 50m, Type = OrderType.Market, LimitPrice = null, TimeInForce = TimeInForce.Day });
    }
}
