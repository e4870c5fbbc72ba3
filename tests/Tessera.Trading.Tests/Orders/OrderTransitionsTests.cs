using Tessera.Trading.Orders;
using Xunit;
using S = Tessera.Trading.Orders.OrderState;

namespace Tessera.Trading.Tests.Orders;

public sealed class OrderTransitionsTests
{
    // The state diagram, written out by hand from the seed (PENDING -> APPROVED/VETOED -> SUBMITTED -> FILLED /
    // PARTIALLY_FILLED / CANCELLED / REJECTED / EXPIRED -> CLOSED) plus SUBMISSION_UNKNOWN and POST-time rejection.
    private static readonly HashSet<(S, S)> Expected =
    [
        (S.Pending, S.Approved), (S.Pending, S.Vetoed),
        (S.Approved, S.Submitted), (S.Approved, S.SubmissionUnknown), (S.Approved, S.Rejected),
        (S.SubmissionUnknown, S.Submitted), (S.SubmissionUnknown, S.Rejected),
        (S.Submitted, S.PartiallyFilled), (S.Submitted, S.Filled), (S.Submitted, S.Cancelled), (S.Submitted, S.Rejected), (S.Submitted, S.Expired),
        (S.PartiallyFilled, S.Filled), (S.PartiallyFilled, S.Cancelled), (S.PartiallyFilled, S.Expired),
        (S.Vetoed, S.Closed), (S.Filled, S.Closed), (S.Cancelled, S.Closed), (S.Rejected, S.Closed), (S.Expired, S.Closed),
    ];

    public static TheoryData<S, S> AllPairs()
    {
        var data = new TheoryData<S, S>();
        foreach (var from in Enum.GetValues<S>())
        {
            foreach (var to in Enum.GetValues<S>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_pair_is_legal_exactly_when_the_diagram_says_so(S from, S to)
    {
        var legal = Expected.Contains((from, to));
        Assert.Equal(legal, OrderTransitions.IsLegal(from, to));
        if (legal)
        {
            OrderTransitions.Ensure("cid-1", from, to);
        }
        else
        {
            var ex = Assert.Throws<IllegalOrderTransitionException>(() => OrderTransitions.Ensure("cid-1", from, to));
            Assert.Equal(from, ex.From);
            Assert.Equal(to, ex.To);
            Assert.Equal("cid-1", ex.ClientOrderId);
            Assert.Contains(OrderStateNames.Wire(from) + " -> " + OrderStateNames.Wire(to), ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_table_has_exactly_twenty_legal_pairs_and_all_121_were_checked()
    {
        Assert.Equal(11 * 11, AllPairs().Count);
        var count = 0;
        foreach (var from in OrderTransitions.AllStates)
        {
            foreach (var to in OrderTransitions.AllStates)
            {
                count += OrderTransitions.IsLegal(from, to) ? 1 : 0;
            }
        }

        Assert.Equal(20, count);
    }

    [Fact]
    public void Closed_is_a_sink_and_only_terminal_states_reach_it()
    {
        foreach (var to in OrderTransitions.AllStates)
        {
            Assert.False(OrderTransitions.IsLegal(S.Closed, to));
        }

        foreach (var from in OrderTransitions.AllStates)
        {
            Assert.Equal(OrderTransitions.IsTerminal(from) && from != S.Closed, OrderTransitions.IsLegal(from, S.Closed));
        }
    }

    [Fact]
    public void Adopting_an_order_that_already_filled_walks_through_submitted()
    {
        Assert.Equal([S.Submitted, S.Filled], OrderTransitions.Path(S.Approved, S.Filled));
        Assert.Equal([S.Submitted, S.PartiallyFilled], OrderTransitions.Path(S.SubmissionUnknown, S.PartiallyFilled));
        Assert.Equal([S.Cancelled], OrderTransitions.Path(S.PartiallyFilled, S.Cancelled));
        Assert.Empty(OrderTransitions.Path(S.Filled, S.Filled)!);
    }

    [Fact]
    public void No_path_leads_back_from_a_fill_or_out_of_closed()
    {
        Assert.Null(OrderTransitions.Path(S.Filled, S.Submitted));
        Assert.Null(OrderTransitions.Path(S.PartiallyFilled, S.Submitted));
        Assert.Null(OrderTransitions.Path(S.Closed, S.Filled));
        Assert.Null(OrderTransitions.Path(S.Filled, S.Cancelled));
    }

    [Fact]
    public void State_names_are_the_seeds_spelling_and_round_trip()
    {
        Assert.Equal("PARTIALLY_FILLED", OrderStateNames.Wire(S.PartiallyFilled));
        Assert.Equal("SUBMISSION_UNKNOWN", OrderStateNames.Wire(S.SubmissionUnknown));
        Assert.Equal("PENDING", OrderStateNames.Wire(S.Pending));
        foreach (var s in OrderTransitions.AllStates)
        {
            Assert.Equal(s, OrderStateNames.Parse("State", OrderStateNames.Wire(s)));
        }

        var ex = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => OrderStateNames.Parse("State", "Filled"));
        Assert.Equal("State", ex.Field);
        Assert.Equal("Filled", ex.Value);
    }
}
