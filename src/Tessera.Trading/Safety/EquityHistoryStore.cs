using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Tessera.Core.Errors;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Trading.Safety;

/// <summary>One point of an account's equity curve: the equity the broker reported at the start of a minute bucket.</summary>
public sealed record EquityPoint(DateTimeOffset At, decimal Equity);

/// <summary>
/// The account's intraday equity curve (table <c>equityhistory</c>, PK account, RK the UTC minute "yyyy-MM-ddTHH:mmZ"),
/// written by the circuit breaker's equity poll on every in-session tick. One point per minute: the 10 s poll would
/// otherwise write six rows a minute for a curve nobody reads at that grain. The first writer of a minute wins
/// (create-if-absent), so the local host, the stream service and the Functions backstop polling the same account agree
/// on one curve; each process also remembers the last minute it wrote so it does not send a doomed insert every tick.
/// The sortable row key makes a time range one partition range query.
/// </summary>
public sealed class EquityHistoryStore(ITableStore tables)
{
    public const string Table = "equityhistory";

    /// <summary>The longest range one read returns (31 days x 390 session minutes = 12,090 points at most).</summary>
    public const int MaxDays = 31;

    private const string KeyFormat = "yyyy-MM-dd'T'HH:mm'Z'";

    private readonly ConcurrentDictionary<string, string> _lastWritten = new(StringComparer.Ordinal);
    private volatile bool _tableReady;

    /// <summary>The minute bucket <paramref name="at"/> falls in (UTC, seconds dropped).</summary>
    public static DateTimeOffset Bucket(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    /// <summary>Records the equity of <paramref name="at"/>'s minute unless that minute has a point; true when this call wrote it.</summary>
    public async Task<bool> RecordAsync(string accountId, DateTimeOffset at, decimal equity, CancellationToken cancellationToken = default)
    {
        TradingAccountId.Validate(accountId);
        var key = Key(Bucket(at));
        if (_lastWritten.TryGetValue(accountId, out var last) && string.CompareOrdinal(last, key) >= 0)
        {
            return false;
        }

        if (!_tableReady)
        {
            await tables.CreateTableIfNotExistsAsync(Table, cancellationToken).ConfigureAwait(false);
            _tableReady = true;
        }

        var row = new PointRow
        {
            PartitionKey = accountId,
            RowKey = key,
            Equity = equity.ToString(CultureInfo.InvariantCulture),
            RecordedAt = at,
        };
        bool wrote;
        try
        {
            await tables.InsertAsync(Table, row, cancellationToken).ConfigureAwait(false);
            wrote = true;
        }
        catch (StorageConflictException)
        {
            wrote = false; // another poller recorded this minute first: its point stands
        }

        _lastWritten[accountId] = key;
        return wrote;
    }

    /// <summary>
    /// The points of the <paramref name="days"/> days up to <paramref name="now"/> (1 to <see cref="MaxDays"/>), oldest
    /// first; empty when nothing was recorded yet.
    /// </summary>
    public async Task<IReadOnlyList<EquityPoint>> RecentAsync(string accountId, DateTimeOffset now, int days, CancellationToken cancellationToken = default)
    {
        TradingAccountId.Validate(accountId);
        if (days < 1 || days > MaxDays)
        {
            throw new TesseraValidationException("days", days.ToString(CultureInfo.InvariantCulture), $"must be between 1 and {MaxDays}");
        }

        var from = Key(Bucket(now - TimeSpan.FromDays(days)));
        var to = Key(Bucket(now));
        var points = new List<EquityPoint>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {from} and RowKey le {to}");
            await foreach (var row in tables.QueryAsync<PointRow>(Table, filter, cancellationToken).ConfigureAwait(false))
            {
                points.Add(row.ToPoint());
            }
        }
        catch (StorageNotFoundException)
        {
            // no table yet: no curve
        }

        points.Sort((a, b) => a.At.CompareTo(b.At)); // Table storage returns row-key order already; sorting states the contract
        return points;
    }

    private static string Key(DateTimeOffset bucket) => bucket.ToString(KeyFormat, CultureInfo.InvariantCulture);

    internal sealed class PointRow : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        /// <summary>Decimal as invariant text: Table storage has no decimal type and a double would round cents.</summary>
        public string Equity { get; set; } = "0";

        /// <summary>The poll's own time (within the bucket's minute).</summary>
        public DateTimeOffset RecordedAt { get; set; }

        public EquityPoint ToPoint() =>
            new(DateTimeOffset.ParseExact(RowKey, KeyFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), decimal.Parse(Equity, CultureInfo.InvariantCulture));
    }
}
