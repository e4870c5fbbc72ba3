namespace Tessera.Trading.Orders;

/// <summary>
/// The OMS transition table: every legal (from, to) pair. Anything else is an <see cref="IllegalOrderTransitionException"/>.
/// A state never moves to itself here: more fills while partially filled are an update of the record, not a transition.
/// </summary>
public static class OrderTransitions
{
    // Indexed [from, to]; built once from the list below so the table reads like the state diagram.
    private static readonly bool[,] Legal = Build(
        (OrderState.Pending, OrderState.Approved),
        (OrderState.Pending, OrderState.Vetoed),

        // Approved -> Rejected: the broker refused the POST itself (e.g. 403 insufficient buying power).
        (OrderState.Approved, OrderState.Submitted),
        (OrderState.Approved, OrderState.SubmissionUnknown),
        (OrderState.Approved, OrderState.Rejected),

        // A submission of unknown outcome is resolved by a look-up: the broker holds it, or it was refused on the resend.
        (OrderState.SubmissionUnknown, OrderState.Submitted),
        (OrderState.SubmissionUnknown, OrderState.Rejected),

        (OrderState.Submitted, OrderState.PartiallyFilled),
        (OrderState.Submitted, OrderState.Filled),
        (OrderState.Submitted, OrderState.Cancelled),
        (OrderState.Submitted, OrderState.Rejected),
        (OrderState.Submitted, OrderState.Expired),

        (OrderState.PartiallyFilled, OrderState.Filled),
        (OrderState.PartiallyFilled, OrderState.Cancelled),
        (OrderState.PartiallyFilled, OrderState.Expired),

        (OrderState.Vetoed, OrderState.Closed),
        (OrderState.Filled, OrderState.Closed),
        (OrderState.Cancelled, OrderState.Closed),
        (OrderState.Rejected, OrderState.Closed),
        (OrderState.Expired, OrderState.Closed));

    /// <summary>Every state, in declaration order (for exhaustive checks).</summary>
    public static IReadOnlyList<OrderState> AllStates { get; } = Enum.GetValues<OrderState>();

    public static bool IsLegal(OrderState from, OrderState to) => Legal[(int)from, (int)to];

    /// <summary>Throws <see cref="IllegalOrderTransitionException"/> unless (from, to) is in the table.</summary>
    public static void Ensure(string clientOrderId, OrderState from, OrderState to)
    {
        if (!IsLegal(from, to))
        {
            throw new IllegalOrderTransitionException(clientOrderId, from, to);
        }
    }

    /// <summary>No fill, cancel or reject can follow (the broker is done with it); Closed included.</summary>
    public static bool IsTerminal(OrderState state) =>
        state is OrderState.Vetoed or OrderState.Filled or OrderState.Cancelled or OrderState.Rejected or OrderState.Expired or OrderState.Closed;

    /// <summary>Sent, or possibly sent, and not finished: what the poller watches.</summary>
    public static bool IsOpenAtBroker(OrderState state) =>
        state is OrderState.Submitted or OrderState.PartiallyFilled or OrderState.SubmissionUnknown;

    /// <summary>
    /// The path from <paramref name="from"/> to <paramref name="to"/> through the table (shortest; empty when equal), or
    /// null when there is none. Adopting a broker order that already filled walks Approved -> Submitted -> Filled, so
    /// every step is a legal transition with its own ledger entry.
    /// </summary>
    public static IReadOnlyList<OrderState>? Path(OrderState from, OrderState to)
    {
        if (from == to)
        {
            return [];
        }

        var count = AllStates.Count;
        var previous = new int[count];
        Array.Fill(previous, -1);
        var queue = new Queue<int>();
        queue.Enqueue((int)from);
        previous[(int)from] = (int)from;
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            for (var t = 0; t < count; t++)
            {
                if (previous[t] >= 0 || !Legal[s, t])
                {
                    continue;
                }

                previous[t] = s;
                if (t == (int)to)
                {
                    var path = new List<OrderState>();
                    for (var at = t; at != (int)from; at = previous[at])
                    {
                        path.Add((OrderState)at);
                    }

                    path.Reverse();
                    return path;
                }

                queue.Enqueue(t);
            }
        }

        return null;
    }

    private static bool[,] Build(params (OrderState From, OrderState To)[] pairs)
    {
        var n = Enum.GetValues<OrderState>().Length;
        var table = new bool[n, n];
        foreach (var (from, to) in pairs)
        {
            table[(int)from, (int)to] = true;
        }

        return table;
    }
}
