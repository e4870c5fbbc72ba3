using Tessera.Alpaca.Broker;

namespace Tessera.Trading.Orders;

/// <summary>One difference between the local books and the broker. <see cref="Repaired"/>: the repair adopted the broker's truth for it.</summary>
public abstract record ReconciliationDifference
{
    public bool Repaired { get; init; }

    /// <summary>A short machine-readable name: missing_locally, missing_at_broker, state_mismatch, quantity_mismatch, position_mismatch.</summary>
    public abstract string Code { get; }
}

/// <summary>The broker holds an order the OMS has no record of (a lost record, or an order placed outside Tessera).</summary>
public sealed record OrderMissingLocally(BrokerOrder BrokerOrder) : ReconciliationDifference
{
    public override string Code => "missing_locally";
}

/// <summary>The OMS records an order as sent but the broker holds no order under its client order id.</summary>
public sealed record OrderMissingAtBroker(OrderRecord Local) : ReconciliationDifference
{
    public override string Code => "missing_at_broker";
}

/// <summary>Both know the order, in different states (local state as compared: the terminal state of a CLOSED order).</summary>
public sealed record OrderStateMismatch(OrderRecord Local, BrokerOrder BrokerOrder, OrderState LocalState, OrderState BrokerState) : ReconciliationDifference
{
    public override string Code => "state_mismatch";
}

/// <summary>Same state, different filled quantity.</summary>
public sealed record OrderQuantityMismatch(OrderRecord Local, BrokerOrder BrokerOrder, decimal LocalFilled, decimal BrokerFilled) : ReconciliationDifference
{
    public override string Code => "quantity_mismatch";
}

/// <summary>The expected position (signed quantity; 0 = none) differs from the broker's.</summary>
public sealed record PositionMismatch(string Symbol, decimal Expected, decimal AtBroker) : ReconciliationDifference
{
    public override string Code => "position_mismatch";
}

/// <summary>Every difference found, how many records and broker orders were compared, and how many were repaired.</summary>
public sealed record ReconciliationReport(DateTimeOffset At, int LocalOrders, int BrokerOrders, IReadOnlyList<ReconciliationDifference> Differences)
{
    public bool IsClean => Differences.Count == 0;

    public int Repaired
    {
        get
        {
            var n = 0;
            foreach (var d in Differences)
            {
                n += d.Repaired ? 1 : 0;
            }

            return n;
        }
    }
}
