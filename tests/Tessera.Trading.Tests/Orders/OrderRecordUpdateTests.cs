using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Trading.Orders;
using Xunit;

namespace Tessera.Trading.Tests.Orders;

public sealed class OrderRecordUpdateTests
{
    private static readonly DateTimeOffset T0 = new(2013, 10, 7, 14, 0, 30, TimeSpan.Zero);

    private static OrderRecord Record(OrderState state, decimal filled = 0m) => new()
    {
        AccountId = "a",
        ClientOrderId = "cid-1",
        DecisionId = "dec-1",
        Symbol = "SPY",
        Side = OrderSide.Buy,
        Quantity = 100m,
        Type = OrderType.Limit,
        TimeInForce = TimeInForce.Ioc,
        LimitPrice = 100.10m,
        State = state,
        FilledQuantity = filled,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static BrokerOrder Broker(OrderStatus status, decimal filled, decimal? avg = null) => new(
        "b-1", "cid-1", new Instrument("SPY", AssetClass.UsEquity), OrderSide.Buy, OrderType.Limit, TimeInForce.Ioc, 100m, null, filled, avg, 100.10m, null, status, T0, T0);

    [Fact]
    public void An_ioc_filled_in_part_ends_cancelled_with_its_fills_kept()
    {
        var u = OrderRecordUpdate.Apply(Record(OrderState.Submitted), Broker(OrderStatus.Canceled, 40m, 100.01m), "stream:canceled", T0.AddSeconds(1));
        Assert.Equal(ApplyKind.Transitioned, u.Kind);
        Assert.Equal(OrderState.Cancelled, u.Record.State);
        Assert.Equal(OrderState.Cancelled, u.Record.FinalState);
        Assert.Equal(40m, u.Record.FilledQuantity);
        Assert.Equal(100.01m, u.Record.AveragePrice);
        Assert.False(u.Record.ChaseUnfilled);
    }

    [Fact]
    public void A_found_order_already_filled_walks_approved_submitted_filled()
    {
        var u = OrderRecordUpdate.Apply(Record(OrderState.Approved), Broker(OrderStatus.Filled, 100m, 100.005m), "lookup", T0);
        Assert.Equal([OrderState.Submitted, OrderState.Filled], u.Steps);
        Assert.Equal("b-1", u.Record.BrokerOrderId);
        Assert.Equal("Filled", u.Record.BrokerStatus);
        Assert.Equal(T0, u.Record.SubmittedAt);
    }

    [Fact]
    public void A_late_new_event_after_a_fill_is_stale()
    {
        var u = OrderRecordUpdate.Apply(Record(OrderState.PartiallyFilled, 30m), Broker(OrderStatus.New, 0m), "stream:new", T0);
        Assert.Equal(ApplyKind.Stale, u.Kind);
        Assert.Equal(OrderState.PartiallyFilled, u.Record.State);
    }

    [Fact]
    public void More_fills_in_the_same_state_update_the_record_and_fewer_are_stale()
    {
        var more = OrderRecordUpdate.Apply(Record(OrderState.PartiallyFilled, 30m), Broker(OrderStatus.PartiallyFilled, 31m), "stream:partial_fill", T0);
        Assert.Equal(ApplyKind.Updated, more.Kind);
        Assert.Equal(31m, more.Record.FilledQuantity);
        Assert.Empty(more.Steps);

        var fewer = OrderRecordUpdate.Apply(Record(OrderState.PartiallyFilled, 30m), Broker(OrderStatus.PartiallyFilled, 29m), "stream:partial_fill", T0);
        Assert.Equal(ApplyKind.Stale, fewer.Kind);

        var same = OrderRecordUpdate.Apply(Record(OrderState.PartiallyFilled, 30m) with { BrokerOrderId = "b-1" }, Broker(OrderStatus.PartiallyFilled, 30m), "poll", T0);
        Assert.Equal(ApplyKind.Unchanged, same.Kind);
    }

    [Fact]
    public void A_terminal_record_contradicted_by_the_broker_is_a_conflict_left_unchanged()
    {
        var u = OrderRecordUpdate.Apply(Record(OrderState.Filled, 100m), Broker(OrderStatus.Canceled, 0m), "poll", T0);
        Assert.Equal(ApplyKind.Conflict, u.Kind);
        Assert.Equal(OrderState.Filled, u.Record.State);
    }

    [Fact]
    public void A_closed_record_and_an_unknown_status_change_nothing()
    {
        Assert.Equal(ApplyKind.Unchanged, OrderRecordUpdate.Apply(Record(OrderState.Closed, 100m), Broker(OrderStatus.Filled, 100m), "poll", T0).Kind);
        Assert.Equal(ApplyKind.Unchanged, OrderRecordUpdate.Apply(Record(OrderState.Submitted), Broker(OrderStatus.Unknown, 0m), "poll", T0).Kind);
    }

    [Fact]
    public void Every_step_of_every_applied_path_is_a_legal_transition()
    {
        foreach (var from in OrderTransitions.AllStates)
        {
            foreach (var status in Enum.GetValues<OrderStatus>())
            {
                var u = OrderRecordUpdate.Apply(Record(from), Broker(status, 0m), "poll", T0);
                var at = from;
                foreach (var step in u.Steps)
                {
                    Assert.True(OrderTransitions.IsLegal(at, step), $"{from} + {status}: {at} -> {step}");
                    at = step;
                }
            }
        }
    }
}
