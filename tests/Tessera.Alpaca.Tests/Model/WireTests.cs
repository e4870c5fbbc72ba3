using Tessera.Alpaca.Model;
using Xunit;

namespace Tessera.Alpaca.Tests.Model;

public sealed class WireTests
{
    [Theory]
    [InlineData(OrderType.StopLimit, "stop_limit")]
    [InlineData(OrderType.TrailingStop, "trailing_stop")]
    [InlineData(OrderType.Market, "market")]
    public void Order_types_use_Alpaca_spelling(OrderType type, string wire) => Assert.Equal(wire, Wire<OrderType>.Name(type));

    [Theory]
    [InlineData(TimeInForce.Day, "day")]
    [InlineData(TimeInForce.Gtc, "gtc")]
    [InlineData(TimeInForce.Opg, "opg")]
    [InlineData(TimeInForce.Cls, "cls")]
    [InlineData(TimeInForce.Ioc, "ioc")]
    [InlineData(TimeInForce.Fok, "fok")]
    public void Every_time_in_force_round_trips(TimeInForce tif, string wire)
    {
        Assert.Equal(wire, Wire<TimeInForce>.Name(tif));
        Assert.Equal(tif, Wire<TimeInForce>.Parse(wire));
    }

    [Fact]
    public void Every_order_status_of_the_documentation_parses()
    {
        string[] documented = ["new", "partially_filled", "filled", "done_for_day", "canceled", "expired", "replaced", "pending_cancel", "pending_replace", "pending_review",
            "accepted", "pending_new", "accepted_for_bidding", "stopped", "rejected", "suspended", "calculated", "held"];
        foreach (var s in documented)
        {
            Assert.True(Wire<OrderStatus>.TryParse(s, out var status), s);
            Assert.Equal(s, Wire<OrderStatus>.Name(status));
        }
    }

    [Fact]
    public void Every_trade_event_of_the_documentation_parses()
    {
        string[] documented = ["new", "fill", "partial_fill", "canceled", "expired", "done_for_day", "replaced", "rejected", "pending_new", "stopped", "pending_cancel",
            "pending_replace", "calculated", "suspended", "order_replace_rejected", "order_cancel_rejected"];
        foreach (var e in documented)
        {
            Assert.NotEqual(TradeEvent.Unknown, Wire<TradeEvent>.Parse(e));
        }
    }

    [Fact]
    public void Activity_types_are_upper_case_on_the_wire()
    {
        Assert.Equal("FILL", Wire<ActivityType>.Name(ActivityType.Fill));
        Assert.Equal(ActivityType.Fee, Wire<ActivityType>.Parse("FEE"));
    }

    [Fact]
    public void Unknown_values_parse_leniently_but_not_strictly()
    {
        Assert.Equal(OrderStatus.Unknown, Wire<OrderStatus>.Parse("status_added_in_2027"));
        Assert.False(Wire<OrderSide>.TryParse("hold", out _));
        Assert.False(Wire<OrderSide>.TryParse(null, out _));
    }

    [Fact]
    public void Unknown_has_no_wire_name_so_it_can_never_be_sent() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Wire<OrderSide>.Name(OrderSide.Unknown));
}
