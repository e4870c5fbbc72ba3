using System.Text.Json.Nodes;

namespace Tessera.Trading.Ledger;

/// <summary>
/// What is appended to the audit ledger: a kind (decision, submission, fill, halt, resume, ...), the account and the
/// time (which select the chain: one per account and trading day), the payload, the config pin (SHA-256 of the
/// effective trading configuration) and the trace id of the operation that produced it.
/// </summary>
public sealed record LedgerEntry(string Kind, string AccountId, DateTimeOffset At, JsonObject Payload, string ConfigPin, string TraceId);

/// <summary>A block as stored: its position in the chain, the previous block's hash and its own hash.</summary>
public sealed record LedgerBlock(long Index, string PreviousHash, LedgerEntry Entry, string Hash)
{
    /// <summary>
    /// Unique id the ledger gives each append (stored as <c>entry_id</c>): a retry after a lost answer finds its own
    /// block by it instead of appending a duplicate. Empty when the block was not read from or written to a store.
    /// </summary>
    public string EntryId { get; init; } = string.Empty;
}

/// <summary>The append-only, hash-chained audit ledger (one chain per account and trading day).</summary>
public interface IAuditLedger
{
    /// <summary>Appends the entry as the next block of its chain; concurrent writers are serialized, never interleaved.</summary>
    Task<LedgerBlock> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default);
}
