using Tessera.Trading.Ledger;

namespace Tessera.Trading.Tests.Orders.Support;

/// <summary>A test double of IAuditLedger that keeps the entries in order (the blob chain is another helper's).</summary>
internal sealed class InMemoryAuditLedger : IAuditLedger
{
    private readonly List<LedgerEntry> _entries = [];

    public IReadOnlyList<LedgerEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToList();
            }
        }
    }

    public Task<LedgerBlock> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_entries)
        {
            _entries.Add(entry);
            return Task.FromResult(new LedgerBlock(_entries.Count - 1, string.Empty, entry, string.Empty));
        }
    }

    /// <summary>The (from, to) pairs of the transition entries of one client order id, in order.</summary>
    public IReadOnlyList<(string? From, string To)> Transitions(string clientOrderId) =>
        Entries.Where(e => e.Kind == Tessera.Trading.Orders.OrderLedgerKinds.Transition && (string?)e.Payload["client_order_id"] == clientOrderId)
            .Select(e => ((string?)e.Payload["from"], (string)e.Payload["to"]!))
            .ToList();
}
