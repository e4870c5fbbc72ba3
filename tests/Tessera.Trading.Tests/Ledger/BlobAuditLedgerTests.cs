using System.Text;
using System.Text.Json.Nodes;
using Tessera.Core.Errors;
using Tessera.Core.Markets;
using Tessera.Storage;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;
using Tessera.Testing;
using Tessera.Trading.Ledger;
using Xunit;

namespace Tessera.Trading.Tests.Ledger;

[Collection(LedgerAzuriteCollection.Name)]
public sealed class BlobAuditLedgerTests(AzuriteFixture azurite)
{
    private static readonly string ChainName = LedgerLayout.ChainBlobName(LedgerSamples.Account, LedgerSamples.Day);

    private BlobStore Store => StorageAccount.FromConnectionString(azurite.ConnectionString).Blobs;

    private static string NewContainer() => "ledger-" + Guid.NewGuid().ToString("N")[..16];

    private static BlobAuditLedger Ledger(IBlobStore store, string container, int maxAttempts = BlobAuditLedger.DefaultMaxAttempts) =>
        new(store, TimeProvider.System, container, maxAttempts);

    [Fact]
    public async Task Appended_blocks_are_linked_numbered_and_stored_as_one_verifiable_line_each()
    {
        var container = NewContainer();
        var ledger = Ledger(Store, container);

        var blocks = new List<LedgerBlock>();
        for (var i = 0; i < 3; i++)
        {
            blocks.Add(await ledger.AppendAsync(LedgerSamples.Entry(i)));
        }

        Assert.Equal([0L, 1L, 2L], blocks.Select(b => b.Index));
        Assert.Equal(LedgerBlockCodec.GenesisHash, blocks[0].PreviousHash);
        Assert.Equal(blocks[0].Hash, blocks[1].PreviousHash);
        Assert.Equal(blocks[1].Hash, blocks[2].PreviousHash);
        var raw = (await Store.GetAsync(container, ChainName)).Content;
        Assert.Equal(3, raw.Count(b => b == (byte)'\n'));
        var verification = LedgerVerifier.Verify(raw, null, LedgerSamples.Account, LedgerSamples.Day);
        Assert.True(verification.IsValid, verification.Detail);
        Assert.Equal(blocks[2].Hash, verification.LastHash);
        Assert.Equal("AppendBlob", (await Store.TryGetPropertiesAsync(container, ChainName))!.BlobType);
    }

    [Fact]
    public async Task The_chain_is_chosen_by_the_New_York_date_not_the_UTC_date()
    {
        var container = NewContainer();
        var ledger = Ledger(Store, container);
        // 23:30 New York on Dec 2 is 04:30 UTC on Dec 3; 00:30 New York on Dec 3 is 05:30 UTC.
        var lateEvening = UsEastern.At(LedgerSamples.Day, new TimeOnly(23, 30));
        var afterMidnight = UsEastern.At(LedgerSamples.Day.AddDays(1), new TimeOnly(0, 30));
        Assert.Equal(3, lateEvening.UtcDateTime.Day);

        await ledger.AppendAsync(LedgerSamples.Entry(1, at: lateEvening));
        var next = await ledger.AppendAsync(LedgerSamples.Entry(2, at: afterMidnight));

        Assert.Equal(0, next.Index); // genesis of the Dec 3 chain
        Assert.NotNull(await Store.TryGetPropertiesAsync(container, $"{LedgerSamples.Account}/2026-12-02.jsonl"));
        Assert.NotNull(await Store.TryGetPropertiesAsync(container, $"{LedgerSamples.Account}/2026-12-03.jsonl"));
        Assert.Equal([LedgerSamples.Day, LedgerSamples.Day.AddDays(1)], await ledger.ListDaysAsync(LedgerSamples.Account).ToListAsync());
    }

    [Theory]
    [InlineData("../other")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData("acct with space")]
    [InlineData("acct\n")]
    [InlineData("x%2F..")]
    public async Task Hostile_account_ids_are_refused_by_name_and_nothing_is_written(string account)
    {
        var container = NewContainer();
        var ledger = Ledger(Store, container);

        var error = await Assert.ThrowsAsync<TesseraValidationException>(() => ledger.AppendAsync(LedgerSamples.Entry(1, account)));

        Assert.Equal("account", error.Field);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Store.ListPageAsync(container, null, null));
        await Assert.ThrowsAsync<TesseraValidationException>(() => ledger.ReadAsync(account, LedgerSamples.Day));
        await Assert.ThrowsAsync<TesseraValidationException>(() => ledger.VerifyAsync(account, LedgerSamples.Day));
    }

    [Fact]
    public async Task An_account_id_longer_than_64_characters_is_refused()
    {
        var ledger = Ledger(Store, NewContainer());

        var error = await Assert.ThrowsAsync<TesseraValidationException>(() => ledger.AppendAsync(LedgerSamples.Entry(1, new string('a', 65))));

        Assert.Equal("account", error.Field);
        Assert.Contains("1-64", error.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("config_pin")]
    [InlineData("kind")]
    [InlineData("trace_id")]
    public async Task Malformed_entry_fields_are_refused_by_name(string field)
    {
        var ledger = Ledger(Store, NewContainer());
        var entry = field switch
        {
            "config_pin" => LedgerSamples.Entry(1) with { ConfigPin = "ABC" },
            "kind" => LedgerSamples.Entry(1) with { Kind = "a/b" },
            _ => LedgerSamples.Entry(1) with { TraceId = "t\u0000" },
        };

        var error = await Assert.ThrowsAsync<TesseraValidationException>(() => ledger.AppendAsync(entry));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task Two_writers_appending_concurrently_are_serialized_into_one_valid_chain()
    {
        var container = NewContainer();
        var first = Ledger(Store, container, maxAttempts: 64);
        var second = Ledger(Store, container, maxAttempts: 64);

        var a = Task.Run(async () => { for (var i = 0; i < 12; i++) { await first.AppendAsync(LedgerSamples.Entry(i)); } });
        var b = Task.Run(async () => { for (var i = 100; i < 112; i++) { await second.AppendAsync(LedgerSamples.Entry(i, at: LedgerSamples.At(i % 60))); } });
        await Task.WhenAll(a, b);

        var verification = await first.VerifyAsync(LedgerSamples.Account, LedgerSamples.Day);
        Assert.True(verification.IsValid, verification.Detail);
        Assert.Equal(24, verification.BlockCount);
        var page = await first.ReadAsync(LedgerSamples.Account, LedgerSamples.Day, 0, 100);
        Assert.Equal(24, page.Blocks.Select(x => x.EntryId).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_writer_with_a_stale_tail_gets_412_catches_up_and_appends_at_the_end()
    {
        var container = NewContainer();
        var first = Ledger(Store, container);
        var second = Ledger(Store, container);
        await first.AppendAsync(LedgerSamples.Entry(0));
        await second.AppendAsync(LedgerSamples.Entry(1)); // second loads the tail: 1 block
        await first.AppendAsync(LedgerSamples.Entry(2)); // first's own cached tail is current

        var block = await second.AppendAsync(LedgerSamples.Entry(3)); // second's tail is stale by one block

        Assert.Equal(3, block.Index);
        Assert.True((await first.VerifyAsync(LedgerSamples.Account, LedgerSamples.Day)).IsValid);
    }

    [Fact]
    public async Task An_append_that_landed_but_whose_answer_was_lost_is_not_written_twice()
    {
        var container = NewContainer();
        var faulty = new FaultyBlobStore(Store)
        {
            AfterAppend = call => call == 1 ? throw new StorageRequestException(503, "ServerBusy", "injected: answer lost after the append landed") : Task.CompletedTask,
        };
        var ledger = Ledger(faulty, container);

        var block = await ledger.AppendAsync(LedgerSamples.Entry(0));
        var next = await ledger.AppendAsync(LedgerSamples.Entry(1));

        Assert.Equal(0, block.Index);
        Assert.Equal(1, next.Index);
        Assert.Equal(2, faulty.AppendCalls); // the lost one was found in the tail, not re-sent
        var verification = await ledger.VerifyAsync(LedgerSamples.Account, LedgerSamples.Day);
        Assert.True(verification.IsValid, verification.Detail);
        Assert.Equal(2, verification.BlockCount);
    }

    [Fact]
    public async Task A_412_for_our_own_landed_append_like_the_SDK_retry_returns_our_block()
    {
        var container = NewContainer();
        var faulty = new FaultyBlobStore(Store)
        {
            AfterAppend = call => call == 1 ? throw new StoragePreconditionFailedException(412, "AppendPositionConditionNotMet", "injected") : Task.CompletedTask,
        };
        var ledger = Ledger(faulty, container);

        var block = await ledger.AppendAsync(LedgerSamples.Entry(0));

        Assert.Equal(0, block.Index);
        var page = await ledger.ReadAsync(LedgerSamples.Account, LedgerSamples.Day);
        Assert.Equal(block.EntryId, Assert.Single(page.Blocks).EntryId);
    }

    [Fact]
    public async Task A_lost_answer_while_another_writer_slipped_in_finds_its_block_behind_the_other_one()
    {
        var container = NewContainer();
        var other = Ledger(Store, container);
        var faulty = new FaultyBlobStore(Store);
        faulty.AfterAppend = async call =>
        {
            if (call == 1)
            {
                await other.AppendAsync(LedgerSamples.Entry(50));
                throw new StorageRequestException(0, null, "injected: connection dropped after the append landed");
            }
        };
        var ledger = Ledger(faulty, container);

        var mine = await ledger.AppendAsync(LedgerSamples.Entry(0));
        var after = await ledger.AppendAsync(LedgerSamples.Entry(1));

        Assert.Equal(0, mine.Index);
        Assert.Equal(2, after.Index); // behind the other writer's block 1
        var page = await ledger.ReadAsync(LedgerSamples.Account, LedgerSamples.Day);
        Assert.Equal(3, page.TotalBlocks);
        Assert.Equal(mine.EntryId, page.Blocks[0].EntryId);
        Assert.True((await ledger.VerifyAsync(LedgerSamples.Account, LedgerSamples.Day)).IsValid);
    }

    [Fact]
    public async Task A_failure_before_the_append_is_retried_and_lands_exactly_once()
    {
        var container = NewContainer();
        var faulty = new FaultyBlobStore(Store)
        {
            BeforeAppend = call => call <= 2 ? throw new StorageRequestException(500, "InternalError", "injected: failed before writing") : Task.CompletedTask,
        };
        var ledger = Ledger(faulty, container);

        var block = await ledger.AppendAsync(LedgerSamples.Entry(0));

        Assert.Equal(0, block.Index);
        Assert.Equal(3, faulty.AppendCalls);
        Assert.Equal(1, (await ledger.ReadAsync(LedgerSamples.Account, LedgerSamples.Day)).TotalBlocks);
    }

    [Fact]
    public async Task Endless_contention_gives_up_after_the_bounded_attempts_with_a_typed_error()
    {
        var container = NewContainer();
        var faulty = new FaultyBlobStore(Store)
        {
            BeforeAppend = _ => throw new StoragePreconditionFailedException(412, "AppendPositionConditionNotMet", "injected"),
        };
        var ledger = Ledger(faulty, container, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<LedgerAppendException>(() => ledger.AppendAsync(LedgerSamples.Entry(0)));

        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, faulty.AppendCalls);
        Assert.Equal(0, (await ledger.ReadAsync(LedgerSamples.Account, LedgerSamples.Day)).TotalBlocks);
    }

    [Fact]
    public async Task A_chain_that_shrank_under_a_writer_is_corruption_not_contention()
    {
        var container = NewContainer();
        var ledger = Ledger(Store, container);
        await ledger.AppendAsync(LedgerSamples.Entry(0));
        await Store.DeleteAsync(container, ChainName);
        await Store.CreateAppendBlobAsync(container, ChainName);

        // The tail this writer cached is longer than the blob it now finds: refused, not appended as a new genesis.
        var error = await Assert.ThrowsAsync<LedgerCorruptException>(() => ledger.AppendAsync(LedgerSamples.Entry(1)));

        Assert.Equal(LedgerFailure.TruncatedLine, error.Verification.Failure);
        Assert.Equal(0, (await Store.TryGetPropertiesAsync(container, ChainName))!.Length);
    }

    [Fact]
    public async Task Read_pages_through_a_day_and_a_missing_day_is_an_empty_page()
    {
        var container = NewContainer();
        var ledger = Ledger(Store, container);
        for (var i = 0; i < 5; i++)
        {
            await ledger.AppendAsync(LedgerSamples.Entry(i));
        }

        var first = await ledger.ReadAsync(LedgerSamples.Account, LedgerSamples.Day, 1, 2);
        var last = await ledger.ReadAsync(LedgerSamples.Account, LedgerSamples.Day, 3, 10);
        var none = await ledger.ReadAsync(LedgerSamples.Account, LedgerSamples.Day.AddDays(-1));

        Assert.Equal([1L, 2L], first.Blocks.Select(b => b.Index));
        Assert.Equal(3, first.NextIndex);
        Assert.Equal(5, first.TotalBlocks);
        Assert.Equal([3L, 4L], last.Blocks.Select(b => b.Index));
        Assert.Null(last.NextIndex);
        Assert.Equal("DEC_4", last.Blocks[1].Entry.Payload["decision_id"]!.GetValue<string>());
        Assert.Empty(none.Blocks);
        Assert.Equal(0, none.TotalBlocks);
        await Assert.ThrowsAsync<TesseraValidationException>(() => ledger.ReadAsync(LedgerSamples.Account, LedgerSamples.Day, 0, 0));
    }

    [Fact]
    public async Task Anchoring_closes_the_day_is_idempotent_and_verify_checks_against_it()
    {
        var container = NewContainer();
        var ledger = Ledger(Store, container);
        for (var i = 0; i < 3; i++)
        {
            await ledger.AppendAsync(LedgerSamples.Entry(i));
        }

        var anchor = await ledger.AnchorAsync(LedgerSamples.Account, LedgerSamples.Day);
        var again = await ledger.AnchorAsync(LedgerSamples.Account, LedgerSamples.Day);
        var verification = await ledger.VerifyAsync(LedgerSamples.Account, LedgerSamples.Day);

        Assert.Equal(3, anchor.BlockCount);
        Assert.Equal(verification.LastHash, anchor.LastHash);
        Assert.Equal(anchor.LastHash, again.LastHash);
        Assert.True(verification.IsValid, verification.Detail);
        Assert.Contains("anchor", verification.Detail, StringComparison.Ordinal);
        await Assert.ThrowsAsync<LedgerDayClosedException>(() => Ledger(Store, container).AppendAsync(LedgerSamples.Entry(9)));
    }

    [Fact]
    public async Task A_chain_cut_short_after_anchoring_fails_verification_at_the_first_missing_block()
    {
        var container = NewContainer();
        var ledger = Ledger(Store, container);
        for (var i = 0; i < 3; i++)
        {
            await ledger.AppendAsync(LedgerSamples.Entry(i));
        }

        await ledger.AnchorAsync(LedgerSamples.Account, LedgerSamples.Day);
        var raw = (await Store.GetAsync(container, ChainName)).Content;
        var lines = LedgerSamples.Lines(raw);
        await Store.DeleteAsync(container, ChainName);
        await Store.CreateAppendBlobAsync(container, ChainName);
        await Store.AppendBlockAsync(container, ChainName, LedgerSamples.Join(lines.Take(2)));

        var verification = await ledger.VerifyAsync(LedgerSamples.Account, LedgerSamples.Day);

        Assert.False(verification.IsValid);
        Assert.Equal(LedgerFailure.AnchorMismatch, verification.Failure);
        Assert.Equal(2, verification.FailedBlockIndex);
    }

    [Fact]
    public async Task A_second_anchor_with_another_hash_is_a_conflict_and_the_first_stands()
    {
        var container = NewContainer();
        var ledger = Ledger(Store, container);
        await ledger.AppendAsync(LedgerSamples.Entry(0));
        var anchor = await ledger.AnchorAsync(LedgerSamples.Account, LedgerSamples.Day);
        // This writer loaded the tail before the anchor, so it can still append (the race docs/AUDIT-LEDGER.md names).
        await ledger.AppendAsync(LedgerSamples.Entry(1));

        var conflict = await Assert.ThrowsAsync<LedgerAnchorConflictException>(() => ledger.AnchorAsync(LedgerSamples.Account, LedgerSamples.Day));
        var verification = await ledger.VerifyAsync(LedgerSamples.Account, LedgerSamples.Day);

        Assert.Equal(anchor.LastHash, conflict.Existing.LastHash);
        Assert.Equal(2, conflict.Attempted.BlockCount);
        Assert.Equal(LedgerFailure.AnchorMismatch, verification.Failure);
        Assert.Equal(1, verification.FailedBlockIndex);
    }

    [Fact]
    public async Task A_byte_changed_in_storage_is_named_by_verify_and_no_block_is_appended_onto_it()
    {
        var container = NewContainer();
        var ledger = Ledger(Store, container);
        for (var i = 0; i < 3; i++)
        {
            await ledger.AppendAsync(LedgerSamples.Entry(i));
        }

        var raw = (await Store.GetAsync(container, ChainName)).Content;
        var lines = LedgerSamples.Lines(raw);
        var text = Encoding.UTF8.GetString(lines[1]).Replace("\"qty\":1", "\"qty\":9", StringComparison.Ordinal);
        lines[1] = Encoding.UTF8.GetBytes(text);
        await Store.DeleteAsync(container, ChainName);
        await Store.CreateAppendBlobAsync(container, ChainName);
        await Store.AppendBlockAsync(container, ChainName, LedgerSamples.Join(lines));

        var verification = await ledger.VerifyAsync(LedgerSamples.Account, LedgerSamples.Day);
        var fresh = Ledger(Store, container);
        var refused = await Assert.ThrowsAsync<LedgerCorruptException>(() => fresh.AppendAsync(LedgerSamples.Entry(3)));

        Assert.Equal(1, verification.FailedBlockIndex);
        Assert.Equal(LedgerFailure.HashMismatch, verification.Failure);
        Assert.Equal(1, refused.Verification.FailedBlockIndex);
        Assert.Equal(raw.Length, (await Store.TryGetPropertiesAsync(container, ChainName))!.Length);
    }

    [Fact]
    public async Task A_payload_too_large_for_one_append_block_is_refused_by_name()
    {
        var ledger = Ledger(Store, NewContainer());
        var entry = LedgerSamples.Entry(0) with { Payload = new JsonObject { ["blob"] = new string('x', LedgerBlockCodec.MaxLineBytes) } };

        var error = await Assert.ThrowsAsync<TesseraValidationException>(() => ledger.AppendAsync(entry));

        Assert.Equal("payload", error.Field);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Store.ListPageAsync(ledger.Container, null, null)); // nothing created

    }
}
