using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Tessera.Core.Sep;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;
using Tessera.Trading.Decisions;

namespace Tessera.Trading.Sep;

/// <summary>
/// The live SEP desk's state in Table storage (table <c>sepstate</c>, PK account id, RK <c>desk</c>), so a restarted
/// process keeps hysteresis, cooldowns and the held weights. Writes are compare-and-swap on the ETag read: two
/// processes ticking at once cannot both record a tick (the loser gets <see cref="StoragePreconditionFailedException"/>
/// or <see cref="StorageConflictException"/> and submits nothing).
/// </summary>
public sealed class SepStateStore(ITableStore tables)
{
    public const string Table = "sepstate";

    private const string DeskRow = "desk";

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public async Task<(SepDeskState? State, ETag? ETag)> LoadAsync(string accountId, CancellationToken cancellationToken = default)
    {
        TradingAccountId.Validate(accountId);
        await tables.CreateTableIfNotExistsAsync(Table, cancellationToken).ConfigureAwait(false);
        var row = await tables.GetAsync<StateRow>(Table, accountId, DeskRow, cancellationToken).ConfigureAwait(false);
        return row is null ? (null, null) : (row.ToState(), row.ETag);
    }

    /// <summary>Records the state: insert when <paramref name="etag"/> is null (first tick), otherwise replace if unchanged since read.</summary>
    public async Task SaveAsync(string accountId, SepDeskState state, ETag? etag, CancellationToken cancellationToken = default)
    {
        TradingAccountId.Validate(accountId);
        ArgumentNullException.ThrowIfNull(state);
        var row = StateRow.Of(accountId, state);
        if (etag is { } tag)
        {
            await tables.ReplaceAsync(Table, row, tag, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await tables.InsertAsync(Table, row, cancellationToken).ConfigureAwait(false);
        }
    }

    internal sealed class StateRow : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string LastTick { get; set; } = string.Empty;

        /// <summary>JSON of <see cref="Memory"/> (instrument order = the arrays' order).</summary>
        public string Allocator { get; set; } = "{}";

        /// <summary>JSON array of the last tick's approved intents.</summary>
        public string Intents { get; set; } = "[]";

        public bool ChaseUnfilled { get; set; }

        public static StateRow Of(string accountId, SepDeskState s)
        {
            var a = s.Allocator;
            var n = s.Instruments.Count;
            var changed = new long?[n];
            for (var i = 0; i < n; i++)
            {
                changed[i] = a.ChangedAt[i] == DateTimeOffset.MinValue ? null : a.ChangedAt[i].ToUnixTimeMilliseconds();
            }

            var memory = new Memory(
                [.. s.Instruments],
                a.Admitted,
                changed,
                a.Previous is { } p ? new Held(p.At.ToUnixTimeMilliseconds(), p.Weights, p.Scores, Array.ConvertAll(p.Selection, x => (byte)x)) : null);
            return new StateRow
            {
                PartitionKey = accountId,
                RowKey = DeskRow,
                LastTick = s.LastTick,
                Allocator = JsonSerializer.Serialize(memory, Json),
                Intents = JsonSerializer.Serialize(s.Intents, Json),
                ChaseUnfilled = s.ChaseUnfilled,
            };
        }

        public SepDeskState ToState()
        {
            var m = JsonSerializer.Deserialize<Memory>(Allocator, Json) ?? throw new InvalidDataException("sepstate row without allocator memory");
            var n = m.Instruments.Length;
            if (m.Admitted.Length != n || m.ChangedAt.Length != n)
            {
                throw new InvalidDataException("sepstate row: the arrays differ in length from the instruments");
            }

            var changed = new DateTimeOffset[n];
            for (var i = 0; i < n; i++)
            {
                changed[i] = m.ChangedAt[i] is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MinValue;
            }

            SepAllocation? previous = m.Previous is { } h
                ? new SepAllocation(DateTimeOffset.FromUnixTimeMilliseconds(h.At), h.Weights, h.Scores, Array.ConvertAll(h.Selection, x => (SepSelection)x), HeldStale: false)
                : null;
            var intents = JsonSerializer.Deserialize<List<OrderIntent>>(Intents, Json) ?? [];
            return new SepDeskState(LastTick, m.Instruments, new SepAllocatorState(m.Admitted, changed, previous), intents, ChaseUnfilled);
        }
    }

    internal sealed record Memory(string[] Instruments, bool[] Admitted, long?[] ChangedAt, Held? Previous);

    internal sealed record Held(long At, double[] Weights, double[] Scores, byte[] Selection);
}
