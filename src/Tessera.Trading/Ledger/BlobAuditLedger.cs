using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;

namespace Tessera.Trading.Ledger;

/// <summary>
/// The audit ledger on append blobs: one chain per account and New York trading day, one JSON line per block
/// (<see cref="LedgerBlockCodec"/>). Writers are serialized by the append-position condition: a block is only
/// written at the length the writer last saw, otherwise the store answers 412 and the writer re-reads the tail,
/// renumbers and retries (bounded). Every append carries a fresh entry id, and a retry first looks for its own id in
/// the tail, so an append that landed but whose answer was lost (timeout, 5xx, or the SDK's own retry running into
/// 412) is returned, never written twice. The tail it reads is checked block by block: it never appends onto a
/// chain it cannot verify.
/// </summary>
public sealed class BlobAuditLedger : IAuditLedger
{
    public const int DefaultMaxAttempts = 8;

    private readonly IBlobStore _store;
    private readonly TimeProvider _time;
    private readonly string _container;
    private readonly int _maxAttempts;
    private readonly ConcurrentDictionary<string, ChainTail> _tails = new(StringComparer.Ordinal);
    private volatile bool _containerReady;

    public BlobAuditLedger(IBlobStore store, TimeProvider time, string container = LedgerLayout.DefaultContainer, int maxAttempts = DefaultMaxAttempts)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        BlobNames.ValidateContainer(container);
        if (maxAttempts < 1)
        {
            throw new TesseraValidationException("maxAttempts", maxAttempts.ToString(CultureInfo.InvariantCulture), "must be >= 1");
        }

        _store = store;
        _time = time;
        _container = container;
        _maxAttempts = maxAttempts;
    }

    public string Container => _container;

    public async Task<LedgerBlock> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        LedgerEntryRules.Validate(entry);
        var date = LedgerLayout.ChainDateOf(entry.At);
        var name = LedgerLayout.ChainBlobName(entry.AccountId, date);
        var entryId = Guid.NewGuid().ToString("N");

        // Size is refused before anything is created; the index and prev_hash add at most a few bytes later.
        if (LedgerBlockCodec.Encode(0, LedgerBlockCodec.GenesisHash, entryId, entry).Line.Length > LedgerBlockCodec.MaxLineBytes - 32)
        {
            throw new TesseraValidationException("payload", "too large", $"a block must fit in {LedgerBlockCodec.MaxLineBytes} bytes");
        }

        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);

        var tail = _tails.GetOrAdd(name, static _ => new ChainTail());
        await tail.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!tail.Loaded)
            {
                if (await _store.TryGetPropertiesAsync(_container, LedgerLayout.AnchorBlobName(entry.AccountId, date), cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw new LedgerDayClosedException(entry.AccountId, date);
                }

                await CatchUpAsync(tail, name, entry.AccountId, date, entryId, cancellationToken).ConfigureAwait(false);
                tail.Loaded = true;
            }

            Exception? last = null;
            for (var attempt = 1; attempt <= _maxAttempts; attempt++)
            {
                var (line, hash) = LedgerBlockCodec.Encode(tail.Count, tail.LastHash, entryId, entry);

                try
                {
                    await _store.AppendBlockAsync(_container, name, line, tail.Length, cancellationToken).ConfigureAwait(false);
                    var block = new LedgerBlock(tail.Count, tail.LastHash, entry, hash) { EntryId = entryId };
                    tail.Advance(line.Length, hash);
                    return block;
                }
                catch (StoragePreconditionFailedException e)
                {
                    // Someone else appended first, or our own block landed and only the answer was lost.
                    last = e;
                }
                catch (StorageRequestException e) when (IsTransient(e))
                {
                    // No answer: the block may or may not be there; the tail says which.
                    last = e;
                }

                var mine = await CatchUpAsync(tail, name, entry.AccountId, date, entryId, cancellationToken).ConfigureAwait(false);
                if (mine is not null)
                {
                    return mine;
                }
            }

            throw new LedgerAppendException(entry.AccountId, date, _maxAttempts, last);
        }
        finally
        {
            tail.Gate.Release();
        }
    }

    /// <summary>Blocks <paramref name="fromIndex"/>.. of a day (at most <paramref name="limit"/>); a missing chain is an empty page.</summary>
    public async Task<LedgerPage> ReadAsync(string accountId, DateOnly date, long fromIndex = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        LedgerLayout.ValidateAccountId(accountId);
        if (fromIndex < 0)
        {
            throw new TesseraValidationException("from", fromIndex.ToString(CultureInfo.InvariantCulture), "must be >= 0");
        }

        if (limit is < 1 or > 10_000)
        {
            throw new TesseraValidationException("limit", limit.ToString(CultureInfo.InvariantCulture), "must be 1-10000");
        }

        var bytes = await ReadChainAsync(accountId, date, cancellationToken).ConfigureAwait(false);
        var blocks = new List<LedgerBlock>(Math.Min(limit, 256));
        long index = 0;
        var start = 0;
        while (start < bytes.Length)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', start);
            if (newline < 0)
            {
                throw new LedgerCorruptException(accountId, date, LedgerVerifier.Verify(bytes, null, accountId, date));
            }

            if (index >= fromIndex && blocks.Count < limit)
            {
                var decoded = LedgerBlockCodec.TryDecode(bytes.AsMemory(start, newline - start), out _)
                    ?? throw new LedgerCorruptException(accountId, date, LedgerVerifier.Verify(bytes, null, accountId, date));
                blocks.Add(decoded.ToBlock());
            }

            start = newline + 1;
            index++;
        }

        long? next = fromIndex + blocks.Count < index ? fromIndex + blocks.Count : null;
        return new LedgerPage(blocks, index, next);
    }

    /// <summary>Recomputes the day's chain from the stored bytes, against the day's anchor when there is one.</summary>
    public async Task<LedgerVerification> VerifyAsync(string accountId, DateOnly date, CancellationToken cancellationToken = default)
    {
        LedgerLayout.ValidateAccountId(accountId);
        var bytes = await ReadChainAsync(accountId, date, cancellationToken).ConfigureAwait(false);
        var anchor = await GetAnchorAsync(accountId, date, cancellationToken).ConfigureAwait(false);
        return LedgerVerifier.Verify(bytes, anchor, accountId, date);
    }

    /// <summary>
    /// Writes the day's anchor (block count and last hash) to its own blob, create-only. Anchoring closes the day:
    /// later appends are refused. The same anchor twice is idempotent; a different one is a <see cref="LedgerAnchorConflictException"/>.
    /// A chain that does not verify is never anchored (<see cref="LedgerCorruptException"/>).
    /// </summary>
    public async Task<LedgerAnchor> AnchorAsync(string accountId, DateOnly date, CancellationToken cancellationToken = default)
    {
        LedgerLayout.ValidateAccountId(accountId);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var bytes = await ReadChainAsync(accountId, date, cancellationToken).ConfigureAwait(false);
        var verification = LedgerVerifier.Verify(bytes, null, accountId, date);
        if (!verification.IsValid)
        {
            throw new LedgerCorruptException(accountId, date, verification);
        }

        var anchor = new LedgerAnchor(accountId, date, verification.BlockCount, verification.LastHash, _time.GetUtcNow());
        try
        {
            await _store.PutAsync(_container, LedgerLayout.AnchorBlobName(accountId, date), LedgerAnchorCodec.Encode(anchor), BlobWriteCondition.CreateOnly, "application/json", cancellationToken).ConfigureAwait(false);
            return anchor;
        }
        catch (StorageConflictException)
        {
            // Already anchored: the same anchor again is idempotent, another one is refused below.
        }

        var existing = await GetAnchorAsync(accountId, date, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the anchor blob reported as existing could not be read");
        if (existing.BlockCount == anchor.BlockCount && string.Equals(existing.LastHash, anchor.LastHash, StringComparison.Ordinal))
        {
            return existing;
        }

        throw new LedgerAnchorConflictException(existing, anchor);
    }

    public async Task<LedgerAnchor?> GetAnchorAsync(string accountId, DateOnly date, CancellationToken cancellationToken = default)
    {
        var name = LedgerLayout.AnchorBlobName(accountId, date);
        try
        {
            var download = await _store.GetAsync(_container, name, null, cancellationToken).ConfigureAwait(false);
            return LedgerAnchorCodec.Decode(download.Content, accountId, date);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The days that have a chain for the account, in date order.</summary>
    public async IAsyncEnumerable<DateOnly> ListDaysAsync(string accountId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LedgerLayout.ValidateAccountId(accountId);
        var days = new List<DateOnly>();
        var prefix = accountId + "/";
        try
        {
            await foreach (var blob in _store.ListAsync(_container, prefix, cancellationToken).ConfigureAwait(false))
            {
                var leaf = blob.Name[prefix.Length..];
                if (leaf.Length == 16 && leaf.EndsWith(".jsonl", StringComparison.Ordinal)
                    && DateOnly.TryParseExact(leaf[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    days.Add(day);
                }
            }
        }
        catch (StorageNotFoundException)
        {
            // No container yet: no days.
        }

        days.Sort();
        foreach (var day in days)
        {
            yield return day;
        }
    }

    private static bool IsTransient(StorageRequestException e) =>
        e is StorageUnreachableException || e.Status == 0 || e.Status == 408 || e.Status >= 500;

    private async Task<byte[]> ReadChainAsync(string accountId, DateOnly date, CancellationToken cancellationToken)
    {
        try
        {
            var download = await _store.GetAsync(_container, LedgerLayout.ChainBlobName(accountId, date), null, cancellationToken).ConfigureAwait(false);
            return download.Content;
        }
        catch (StorageNotFoundException)
        {
            return [];
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await _store.CreateContainerIfNotExistsAsync(_container, cancellationToken).ConfigureAwait(false);
            _containerReady = true;
        }
    }

    /// <summary>
    /// Reads what was appended since <paramref name="tail"/> was last brought up to date, checks each new block against
    /// the chain (hash, index, link) and advances the tail; creates the blob when it does not exist yet. Returns the
    /// block carrying <paramref name="entryId"/> when one of the new blocks is it.
    /// </summary>
    private async Task<LedgerBlock?> CatchUpAsync(ChainTail tail, string name, string accountId, DateOnly date, string entryId, CancellationToken cancellationToken)
    {
        var properties = await _store.TryGetPropertiesAsync(_container, name, cancellationToken).ConfigureAwait(false);
        if (properties is null)
        {
            try
            {
                await _store.CreateAppendBlobAsync(_container, name, createOnly: true, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException)
            {
                // Another writer created it first: fine, it is an append blob all the same.
            }

            return null;
        }

        if (properties.Length == tail.Length)
        {
            return null;
        }

        if (properties.Length < tail.Length)
        {
            throw new LedgerCorruptException(accountId, date, LedgerVerification.Bad(tail.Count, tail.LastHash, tail.Count, LedgerFailure.TruncatedLine,
                string.Create(CultureInfo.InvariantCulture, $"the chain shrank from {tail.Length} to {properties.Length} bytes")));
        }

        var download = await _store.GetAsync(_container, name, new BlobRange(tail.Length, properties.Length - tail.Length), cancellationToken).ConfigureAwait(false);
        var bytes = download.Content;
        LedgerBlock? mine = null;
        var start = 0;
        while (start < bytes.Length)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', start);
            var decoded = newline < 0 ? null : LedgerBlockCodec.TryDecode(bytes.AsMemory(start, newline - start), out _);
            if (decoded is null
                || !string.Equals(decoded.ComputedHash, decoded.StoredHash, StringComparison.Ordinal)
                || decoded.Index != tail.Count
                || !string.Equals(decoded.PreviousHash, tail.LastHash, StringComparison.Ordinal))
            {
                // Do not build on a tail that does not verify: name the first bad block.
                var full = await ReadChainAsync(accountId, date, cancellationToken).ConfigureAwait(false);
                throw new LedgerCorruptException(accountId, date, LedgerVerifier.Verify(full, null, accountId, date));
            }

            if (string.Equals(decoded.EntryId, entryId, StringComparison.Ordinal))
            {
                mine = decoded.ToBlock();
            }

            tail.Advance(newline + 1 - start, decoded.StoredHash);
            start = newline + 1;
        }

        return mine;
    }

    /// <summary>What this process knows of a chain's end: byte length, block count, last hash; one writer at a time.</summary>
    private sealed class ChainTail
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public bool Loaded { get; set; }

        public long Length { get; private set; }

        public long Count { get; private set; }

        public string LastHash { get; private set; } = LedgerBlockCodec.GenesisHash;

        public void Advance(int bytes, string hash)
        {
            Length += bytes;
            Count++;
            LastHash = hash;
        }
    }
}

/// <summary>The anchor blob's JSON: account, date, block_count, last_hash, anchored_at.</summary>
internal static class LedgerAnchorCodec
{
    public static byte[] Encode(LedgerAnchor anchor) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["account"] = anchor.AccountId,
        ["date"] = anchor.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["block_count"] = anchor.BlockCount,
        ["last_hash"] = anchor.LastHash,
        ["anchored_at"] = LedgerBlockCodec.FormatAt(anchor.AnchoredAt),
    });

    public static LedgerAnchor Decode(byte[] content, string accountId, DateOnly date)
    {
        var anchor = TryParse(content);
        var where = accountId + " " + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (anchor is null)
        {
            throw new TesseraValidationException("anchor", where, "must be the anchor JSON (account, date, block_count, last_hash, anchored_at)");
        }

        if (!string.Equals(anchor.AccountId, accountId, StringComparison.Ordinal) || anchor.Date != date)
        {
            throw new TesseraValidationException("anchor", where, "must name the chain's account and date");
        }

        return anchor;
    }

    private static LedgerAnchor? TryParse(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            return new LedgerAnchor(
                root.GetProperty("account").GetString()!,
                DateOnly.ParseExact(root.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                root.GetProperty("block_count").GetInt64(),
                root.GetProperty("last_hash").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("anchored_at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // The caller turns "not an anchor" into a validation error naming the chain.
            return null;
        }
    }
}
