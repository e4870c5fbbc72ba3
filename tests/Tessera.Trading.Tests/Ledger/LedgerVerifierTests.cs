using Tessera.Trading.Ledger;
using Xunit;

namespace Tessera.Trading.Tests.Ledger;

public sealed class LedgerVerifierTests
{
    [Fact]
    public void A_valid_chain_verifies_with_its_count_and_last_hash()
    {
        var (bytes, _, hashes) = LedgerSamples.Chain(5);

        var result = LedgerVerifier.Verify(bytes, null, LedgerSamples.Account, LedgerSamples.Day);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(5, result.BlockCount);
        Assert.Equal(hashes[4], result.LastHash);
        Assert.Null(result.FailedBlockIndex);
        Assert.Equal(LedgerFailure.None, result.Failure);
    }

    [Fact]
    public void An_empty_chain_is_valid_with_zero_blocks_and_the_genesis_hash()
    {
        var result = LedgerVerifier.Verify(Array.Empty<byte>());

        Assert.True(result.IsValid);
        Assert.Equal(0, result.BlockCount);
        Assert.Equal(new string('0', 64), result.LastHash);
    }

    [Fact]
    public void Flipping_any_single_byte_with_any_of_three_masks_is_detected_at_the_block_holding_it()
    {
        var (bytes, starts, _) = LedgerSamples.Chain(4);
        byte[] masks = [0x01, 0x20, 0x80];
        var trials = 0;
        for (var position = 0; position < bytes.Length; position++)
        {
            foreach (var mask in masks)
            {
                var tampered = (byte[])bytes.Clone();
                tampered[position] ^= mask;

                var result = LedgerVerifier.Verify(tampered);

                Assert.False(result.IsValid, $"byte {position} ^ 0x{mask:x2} went undetected");
                Assert.Equal(LedgerSamples.BlockOf(starts, position), result.FailedBlockIndex);
                trials++;
            }
        }

        Assert.Equal(bytes.Length * 3, trials);
    }

    [Fact]
    public void Seeded_random_byte_changes_over_a_longer_chain_are_all_detected_at_the_right_block()
    {
        var (bytes, starts, _) = LedgerSamples.Chain(30);
        var random = new Random(20261202);
        for (var trial = 0; trial < 3000; trial++)
        {
            var tampered = (byte[])bytes.Clone();
            var position = random.Next(bytes.Length);
            tampered[position] ^= (byte)random.Next(1, 256);

            var result = LedgerVerifier.Verify(tampered);

            Assert.False(result.IsValid, $"trial {trial}: byte {position} went undetected");
            Assert.Equal(LedgerSamples.BlockOf(starts, position), result.FailedBlockIndex);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void Deleting_a_block_other_than_the_last_is_an_index_gap_at_its_position(int deleted)
    {
        var (bytes, _, _) = LedgerSamples.Chain(6);
        var lines = LedgerSamples.Lines(bytes);
        lines.RemoveAt(deleted);

        var result = LedgerVerifier.Verify(LedgerSamples.Join(lines));

        Assert.False(result.IsValid);
        Assert.Equal(deleted, result.FailedBlockIndex);
        Assert.Equal(LedgerFailure.IndexGap, result.Failure);
        Assert.Equal(deleted, result.BlockCount);
    }

    [Fact]
    public void Deleting_the_last_block_is_caught_by_the_anchor_naming_the_missing_block()
    {
        var (bytes, _, hashes) = LedgerSamples.Chain(5);
        var anchor = new LedgerAnchor(LedgerSamples.Account, LedgerSamples.Day, 5, hashes[4], DateTimeOffset.UnixEpoch);
        var lines = LedgerSamples.Lines(bytes);
        lines.RemoveAt(4);

        Assert.True(LedgerVerifier.Verify(LedgerSamples.Join(lines)).IsValid); // without an anchor a cut tail is a shorter valid chain
        var result = LedgerVerifier.Verify(LedgerSamples.Join(lines), anchor);

        Assert.False(result.IsValid);
        Assert.Equal(LedgerFailure.AnchorMismatch, result.Failure);
        Assert.Equal(4, result.FailedBlockIndex);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void Swapping_two_neighbouring_blocks_is_detected_at_the_first_of_them(int first)
    {
        var (bytes, _, _) = LedgerSamples.Chain(6);
        var lines = LedgerSamples.Lines(bytes);
        (lines[first], lines[first + 1]) = (lines[first + 1], lines[first]);

        var result = LedgerVerifier.Verify(LedgerSamples.Join(lines));

        Assert.False(result.IsValid);
        Assert.Equal(first, result.FailedBlockIndex);
        Assert.Equal(LedgerFailure.IndexGap, result.Failure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_forged_block_with_a_correct_own_hash_and_link_inserted_mid_chain_breaks_the_chain_at_the_next_block(int at)
    {
        var (bytes, _, hashes) = LedgerSamples.Chain(6);
        var previous = at == 0 ? LedgerBlockCodec.GenesisHash : hashes[at - 1];
        var (forged, _) = LedgerBlockCodec.Encode(at, previous, "forged", LedgerSamples.Entry(99));
        var lines = LedgerSamples.Lines(bytes);
        lines.Insert(at, forged);

        var result = LedgerVerifier.Verify(LedgerSamples.Join(lines));

        // The forgery itself is self-consistent; the original block it displaced is the first that no longer fits.
        Assert.False(result.IsValid);
        Assert.Equal(at + 1, result.FailedBlockIndex);
        Assert.Equal(LedgerFailure.IndexGap, result.Failure);
    }

    [Fact]
    public void A_forged_block_whose_successors_were_renumbered_fails_on_the_first_renumbered_hash()
    {
        var (bytes, _, hashes) = LedgerSamples.Chain(4);
        var (forged, _) = LedgerBlockCodec.Encode(2, hashes[1], "forged", LedgerSamples.Entry(99));
        var lines = LedgerSamples.Lines(bytes);
        lines.Insert(2, forged);
        for (var i = 3; i < lines.Count; i++)
        {
            lines[i] = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(lines[i]).Replace($"\"index\":{i - 1},", $"\"index\":{i},", StringComparison.Ordinal));
        }

        var result = LedgerVerifier.Verify(LedgerSamples.Join(lines));

        Assert.False(result.IsValid);
        Assert.Equal(3, result.FailedBlockIndex);
        Assert.Equal(LedgerFailure.HashMismatch, result.Failure);
    }

    [Fact]
    public void A_forged_block_appended_after_the_anchor_is_caught_by_the_anchor()
    {
        var (bytes, _, hashes) = LedgerSamples.Chain(3);
        var anchor = new LedgerAnchor(LedgerSamples.Account, LedgerSamples.Day, 3, hashes[2], DateTimeOffset.UnixEpoch);
        var (forged, _) = LedgerBlockCodec.Encode(3, hashes[2], "forged", LedgerSamples.Entry(99));

        var result = LedgerVerifier.Verify(bytes.Concat(forged).ToArray(), anchor);

        Assert.False(result.IsValid);
        Assert.Equal(3, result.FailedBlockIndex);
        Assert.Equal(LedgerFailure.AnchorMismatch, result.Failure);
    }

    [Fact]
    public void A_block_with_a_valid_own_hash_but_a_wrong_prev_hash_is_a_broken_link()
    {
        var (first, _) = LedgerBlockCodec.Encode(0, LedgerBlockCodec.GenesisHash, "e0", LedgerSamples.Entry(0));
        var (second, _) = LedgerBlockCodec.Encode(1, new string('f', 64), "e1", LedgerSamples.Entry(1));

        var result = LedgerVerifier.Verify(first.Concat(second).ToArray());

        Assert.Equal(1, result.FailedBlockIndex);
        Assert.Equal(LedgerFailure.BrokenLink, result.Failure);
        Assert.Equal(1, result.BlockCount);
    }

    [Fact]
    public void A_genesis_block_not_linked_to_64_zeros_is_a_broken_link_at_block_0()
    {
        var (line, _) = LedgerBlockCodec.Encode(0, new string('1', 64), "e0", LedgerSamples.Entry(0));

        var result = LedgerVerifier.Verify(line);

        Assert.Equal(0, result.FailedBlockIndex);
        Assert.Equal(LedgerFailure.BrokenLink, result.Failure);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    public void A_cut_last_line_is_a_truncated_line_at_the_last_block(int cut)
    {
        var (bytes, _, _) = LedgerSamples.Chain(3);

        var result = LedgerVerifier.Verify(bytes[..^cut]);

        Assert.Equal(2, result.FailedBlockIndex);
        Assert.Equal(LedgerFailure.TruncatedLine, result.Failure);
    }

    [Fact]
    public void A_block_of_another_account_or_another_day_is_in_the_wrong_chain()
    {
        var (own, ownHash) = LedgerBlockCodec.Encode(0, LedgerBlockCodec.GenesisHash, "e0", LedgerSamples.Entry(0));
        var (otherAccount, _) = LedgerBlockCodec.Encode(1, ownHash, "e1", LedgerSamples.Entry(1, "OTHER"));
        var (otherDay, _) = LedgerBlockCodec.Encode(1, ownHash, "e1", LedgerSamples.Entry(1, at: LedgerSamples.At(0).AddDays(1)));

        var byAccount = LedgerVerifier.Verify(own.Concat(otherAccount).ToArray(), null, LedgerSamples.Account, LedgerSamples.Day);
        var byDay = LedgerVerifier.Verify(own.Concat(otherDay).ToArray(), null, LedgerSamples.Account, LedgerSamples.Day);

        Assert.Equal((1L, LedgerFailure.WrongChain), (byAccount.FailedBlockIndex!.Value, byAccount.Failure));
        Assert.Equal((1L, LedgerFailure.WrongChain), (byDay.FailedBlockIndex!.Value, byDay.Failure));
    }

    [Fact]
    public void An_anchor_with_another_hash_at_the_anchored_block_is_an_anchor_mismatch_there()
    {
        var (bytes, _, _) = LedgerSamples.Chain(4);
        var anchor = new LedgerAnchor(LedgerSamples.Account, LedgerSamples.Day, 3, new string('e', 64), DateTimeOffset.UnixEpoch);

        var result = LedgerVerifier.Verify(bytes, anchor);

        Assert.Equal(2, result.FailedBlockIndex);
        Assert.Equal(LedgerFailure.AnchorMismatch, result.Failure);
    }

    [Fact]
    public void A_chain_matching_its_anchor_verifies()
    {
        var (bytes, _, hashes) = LedgerSamples.Chain(4);
        var anchor = new LedgerAnchor(LedgerSamples.Account, LedgerSamples.Day, 4, hashes[3], DateTimeOffset.UnixEpoch);

        var result = LedgerVerifier.Verify(bytes, anchor, LedgerSamples.Account, LedgerSamples.Day);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(4, result.BlockCount);
    }
}
