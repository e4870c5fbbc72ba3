using Tessera.Alpaca.Broker;

namespace Tessera.Trading.Orders;

/// <summary>How a broker snapshot related to the record it was applied to.</summary>
public enum ApplyKind
{
    /// <summary>The state moved along one or more legal transitions.</summary>
    Transitioned,

    /// <summary>Same state, more filled (or the broker id learned).</summary>
    Updated,

    /// <summary>Nothing new.</summary>
    Unchanged,

    /// <summary>Older than what the record holds (stream reordering, a slow poll): ignored.</summary>
    Stale,

    /// <summary>Contradicts a terminal record (e.g. local FILLED, broker CANCELLED): left for reconciliation.</summary>
    Conflict,
}

/// <summary>The result of applying a snapshot: the new record, the transitions walked (each one legal), and the kind.</summary>
public sealed record AppliedUpdate(OrderRecord Record, IReadOnlyList<OrderState> Steps, ApplyKind Kind, OrderState From);

/// <summary>Pure: what a broker order snapshot does to an order record (no I/O, time passed in).</summary>
public static class OrderRecordUpdate
{
    public static AppliedUpdate Apply(OrderRecord current, BrokerOrder broker, string source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(broker);
        var from = current.State;
        if (BrokerStatusMap.ToOrderState(broker.Status, broker.FilledQuantity) is not { } target || from == OrderState.Closed)
        {
            return new AppliedUpdate(current, [], ApplyKind.Unchanged, from);
        }

        if (target == from)
        {
            var moreFilled = broker.FilledQuantity > current.FilledQuantity;
            var learnedId = current.BrokerOrderId is null && !string.IsNullOrEmpty(broker.Id);
            if (broker.FilledQuantity < current.FilledQuantity)
            {
                return new AppliedUpdate(current, [], ApplyKind.Stale, from);
            }

            return moreFilled || learnedId
                ? new AppliedUpdate(Adopt(current, broker, target, source, now), [], ApplyKind.Updated, from)
                : new AppliedUpdate(current, [], ApplyKind.Unchanged, from);
        }

        var path = OrderTransitions.Path(from, target);
        if (path is null)
        {
            var kind = OrderTransitions.IsTerminal(from) && OrderTransitions.IsTerminal(target) ? ApplyKind.Conflict : ApplyKind.Stale;
            return new AppliedUpdate(current, [], kind, from);
        }

        return new AppliedUpdate(Adopt(current, broker, target, source, now), path, ApplyKind.Transitioned, from);
    }

    /// <summary>The record carrying the broker's state and fills (used by the repair too, which skips the table).</summary>
    public static OrderRecord Adopt(OrderRecord current, BrokerOrder broker, OrderState target, string source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(broker);
        return current with
        {
            State = target,
            FinalState = OrderTransitions.IsTerminal(target) ? target : null,
            FilledQuantity = broker.FilledQuantity,
            AveragePrice = broker.AverageFillPrice ?? current.AveragePrice,
            BrokerOrderId = string.IsNullOrEmpty(broker.Id) ? current.BrokerOrderId : broker.Id,
            BrokerStatus = broker.Status.ToString(),
            SubmittedAt = current.SubmittedAt ?? broker.SubmittedAt ?? now,
            UpdatedAt = now,
            LastEvent = source,

            // A failure noted on the way (a look-up that failed) is over once the broker's answer is in hand.
            Error = target == OrderState.Rejected ? current.Error : null,
        };
    }
}
