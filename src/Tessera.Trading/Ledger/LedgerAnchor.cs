namespace Tessera.Trading.Ledger;

/// <summary>
/// A day's anchor, written once to a blob of its own: how many blocks the chain had and the last block's hash.
/// A chain later cut short, or rewritten from the anchored block on, no longer matches it.
/// </summary>
public sealed record LedgerAnchor(string AccountId, DateOnly Date, long BlockCount, string LastHash, DateTimeOffset AnchoredAt);
