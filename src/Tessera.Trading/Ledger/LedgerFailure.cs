namespace Tessera.Trading.Ledger;

/// <summary>Why a chain failed verification; the verifier reports the first block at which one of these holds.</summary>
public enum LedgerFailure
{
    /// <summary>The chain verified.</summary>
    None,

    /// <summary>The stored this_hash is not the SHA-256 of the block's canonical bytes (the block was edited).</summary>
    HashMismatch,

    /// <summary>prev_hash is not the previous block's this_hash (or not the genesis value on block 0).</summary>
    BrokenLink,

    /// <summary>The block's index is not its position in the chain (a block was deleted, reordered or inserted).</summary>
    IndexGap,

    /// <summary>The line is not a ledger block (not JSON, members missing, out of order or of the wrong type).</summary>
    Unparsable,

    /// <summary>The last line has no terminating newline: a torn or cut write.</summary>
    TruncatedLine,

    /// <summary>The block names another account or another trading day than the chain it is stored in.</summary>
    WrongChain,

    /// <summary>The chain disagrees with its anchor: fewer blocks than anchored, or another hash at the anchored block.</summary>
    AnchorMismatch,
}

/// <summary>
/// The verifier's verdict. Valid: <see cref="BlockCount"/> blocks and the last hash (the genesis value for an empty
/// chain). Invalid: <see cref="FailedBlockIndex"/> is the zero-based position of the FIRST block that does not fit
/// and <see cref="Failure"/> says why; <see cref="Detail"/> explains in words (never payload contents).
/// </summary>
public sealed record LedgerVerification(bool IsValid, long BlockCount, string LastHash, long? FailedBlockIndex, LedgerFailure Failure, string Detail)
{
    internal static LedgerVerification Ok(long count, string lastHash, string detail) => new(true, count, lastHash, null, LedgerFailure.None, detail);

    internal static LedgerVerification Bad(long verifiedBlocks, string lastGoodHash, long index, LedgerFailure failure, string detail) =>
        new(false, verifiedBlocks, lastGoodHash, index, failure, detail);
}
