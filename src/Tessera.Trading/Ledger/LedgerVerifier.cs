using System.Globalization;

namespace Tessera.Trading.Ledger;

/// <summary>
/// Recomputes a chain from its stored bytes and names the first block that does not fit. Pure: bytes in, verdict out.
/// Per line, in this order: terminated by '\n' (else <see cref="LedgerFailure.TruncatedLine"/>), well-formed
/// (<see cref="LedgerFailure.Unparsable"/>), hash of its bytes equals this_hash (<see cref="LedgerFailure.HashMismatch"/>),
/// index equals its position (<see cref="LedgerFailure.IndexGap"/>), prev_hash equals the previous this_hash
/// (<see cref="LedgerFailure.BrokenLink"/>), account and New York date are the chain's (<see cref="LedgerFailure.WrongChain"/>);
/// then the chain against its anchor when one exists (<see cref="LedgerFailure.AnchorMismatch"/>: fewer blocks,
/// another hash at the anchored block, or blocks after it).
/// </summary>
public static class LedgerVerifier
{
    /// <param name="chain">The append blob's bytes.</param>
    /// <param name="anchor">The day's anchor, when one was written.</param>
    /// <param name="accountId">The chain's account (checked against every block when given).</param>
    /// <param name="date">The chain's New York date (checked against every block's instant when given).</param>
    public static LedgerVerification Verify(ReadOnlyMemory<byte> chain, LedgerAnchor? anchor = null, string? accountId = null, DateOnly? date = null)
    {
        var previousHash = LedgerBlockCodec.GenesisHash;
        long index = 0;
        long anchoredHashSeenAt = -1;
        var start = 0;
        var bytes = chain.Span;
        while (start < bytes.Length)
        {
            var newline = bytes[start..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return LedgerVerification.Bad(index, previousHash, index, LedgerFailure.TruncatedLine,
                    $"the last {bytes.Length - start} bytes have no terminating newline (torn or cut write)");
            }

            var decoded = LedgerBlockCodec.TryDecode(chain.Slice(start, newline), out var error);
            start += newline + 1;
            if (decoded is null)
            {
                return LedgerVerification.Bad(index, previousHash, index, LedgerFailure.Unparsable, error);
            }

            if (!string.Equals(decoded.ComputedHash, decoded.StoredHash, StringComparison.Ordinal))
            {
                return LedgerVerification.Bad(index, previousHash, index, LedgerFailure.HashMismatch,
                    $"this_hash {decoded.StoredHash} but the block's bytes hash to {decoded.ComputedHash}");
            }

            if (decoded.Index != index)
            {
                return LedgerVerification.Bad(index, previousHash, index, LedgerFailure.IndexGap,
                    string.Create(CultureInfo.InvariantCulture, $"block at position {index} says index {decoded.Index}"));
            }

            if (!string.Equals(decoded.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return LedgerVerification.Bad(index, previousHash, index, LedgerFailure.BrokenLink,
                    $"prev_hash {decoded.PreviousHash} but the previous block's hash is {previousHash}");
            }

            if (accountId is not null && !string.Equals(decoded.AccountId, accountId, StringComparison.Ordinal))
            {
                return LedgerVerification.Bad(index, previousHash, index, LedgerFailure.WrongChain, $"block names account '{decoded.AccountId}'");
            }

            if (date is { } day && LedgerLayout.ChainDateOf(decoded.At) != day)
            {
                return LedgerVerification.Bad(index, previousHash, index, LedgerFailure.WrongChain,
                    string.Create(CultureInfo.InvariantCulture, $"block's instant falls on New York date {LedgerLayout.ChainDateOf(decoded.At):yyyy-MM-dd}"));
            }

            if (anchor is not null && index >= anchor.BlockCount)
            {
                // Anchoring closes the day: a block after the anchored count was added later (or forged onto the end).
                return LedgerVerification.Bad(index, previousHash, index, LedgerFailure.AnchorMismatch,
                    string.Create(CultureInfo.InvariantCulture, $"the anchor closed the day at {anchor.BlockCount} blocks; block {index} was appended after it"));
            }

            if (anchor is not null && index == anchor.BlockCount - 1)
            {
                if (!string.Equals(decoded.StoredHash, anchor.LastHash, StringComparison.Ordinal))
                {
                    return LedgerVerification.Bad(index, previousHash, index, LedgerFailure.AnchorMismatch,
                        $"the anchor says block {index} hashes to {anchor.LastHash}, the chain has {decoded.StoredHash}");
                }

                anchoredHashSeenAt = index;
            }

            previousHash = decoded.StoredHash;
            index++;
        }

        if (anchor is not null && anchor.BlockCount > 0 && anchoredHashSeenAt < 0)
        {
            return LedgerVerification.Bad(index, previousHash, index, LedgerFailure.AnchorMismatch,
                string.Create(CultureInfo.InvariantCulture, $"the anchor counts {anchor.BlockCount} blocks, the chain has {index}: blocks were removed after anchoring"));
        }

        var anchored = anchor is null ? "no anchor" : string.Create(CultureInfo.InvariantCulture, $"anchor at {anchor.BlockCount} blocks matches");
        return LedgerVerification.Ok(index, previousHash, string.Create(CultureInfo.InvariantCulture, $"{index} blocks verified, {anchored}"));
    }
}
