using Tessera.Alpaca.Model;
using Tessera.Trading.Orders;
using Xunit;

namespace Tessera.Trading.Tests.Orders;

public sealed class BrokerStatusMapTests
{
    public static TheoryData<OrderStatus, decimal, OrderState?> Table() => new()
    {
        { OrderStatus.New, 0m, OrderState.Submitted },
        { OrderStatus.Accepted, 0m, OrderState.Submitted },
        { OrderStatus.PendingNew, 0m, OrderState.Submitted },
        { OrderStatus.AcceptedForBidding, 0m, OrderState.Submitted },
        { OrderStatus.PendingReview, 0m, OrderState.Submitted },
        { OrderStatus.Held, 0m, OrderState.Submitted },
        { OrderStatus.Calculated, 0m, OrderState.Submitted },
        { OrderStatus.Stopped, 0m, OrderState.Submitted },
        { OrderStatus.Suspended, 0m, OrderState.Submitted },
        { OrderStatus.PendingCancel, 0m, OrderState.Submitted },
        { OrderStatus.PendingCancel, 3m, OrderState.PartiallyFilled },
        { OrderStatus.PendingReplace, 1m, OrderState.PartiallyFilled },
        { OrderStatus.PartiallyFilled, 1m, OrderState.PartiallyFilled },
        { OrderStatus.Filled, 10m, OrderState.Filled },
        { OrderStatus.Canceled, 0m, OrderState.Cancelled },
        { OrderStatus.Canceled, 4m, OrderState.Cancelled },
        { OrderStatus.Replaced, 0m, OrderState.Cancelled },
        { OrderStatus.Expired, 0m, OrderState.Expired },
        { OrderStatus.DoneForDay, 2m, OrderState.Expired },
        { OrderStatus.Rejected, 0m, OrderState.Rejected },
        { OrderStatus.Unknown, 0m, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_alpaca_status_maps_to_one_oms_state(OrderStatus status, decimal filled, OrderState? expected) =>
        Assert.Equal(expected, BrokerStatusMap.ToOrderState(status, filled));

    [Fact]
    public void Every_alpaca_status_is_in_the_table()
    {
        var covered = Table().Select(row => (OrderStatus)row[0]).ToHashSet();
        Assert.Equal(Enum.GetValues<OrderStatus>().Length, covered.Count);
    }

    [Fact]
    public void Terminal_alpaca_statuses_map_to_terminal_oms_states()
    {
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            if (status.IsTerminal())
            {
                Assert.True(OrderTransitions.IsTerminal(BrokerStatusMap.ToOrderState(status, 0m)!.Value), status.ToString());
            }
        }
    }
}
