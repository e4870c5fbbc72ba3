namespace Tessera.Trading.Orders;

/// <summary>The ledger entry kinds the order manager appends.</summary>
public static class OrderLedgerKinds
{
    /// <summary>One legal transition of the state machine.</summary>
    public const string Transition = "order_transition";

    /// <summary>More shares filled without a change of state (a further partial fill).</summary>
    public const string FillUpdate = "order_fill_update";

    /// <summary>Reconciliation with repair overwrote the local record with the broker's truth.</summary>
    public const string Adopted = "order_adopted";
}
