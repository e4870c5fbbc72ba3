using Azure;
using Azure.Data.Tables;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Trading.Safety;

/// <summary>The opening equity of one account's trading session, and whether it was captured at the open or later.</summary>
public sealed record SessionOpeningEquity(string AccountId, DateOnly TradingDay, decimal Equity, DateTimeOffset CapturedAt, bool CapturedLate);

/// <summary>
/// The circuit breaker's reference: each session's opening equity (table <c>sessionequity</c>, PK account, RK trading
/// day). Captured create-if-absent by the first poll at or after the open, so several pollers (the local host, the stream
/// service, the Functions backstop) agree on one value: the first writer wins and the others read it back.
/// </summary>
public sealed class SessionEquityStore(ITableStore tables)
{
    public const string Table = "sessionequity";

    /// <summary>How late after the open a capture still counts as "at the open" (one missed 10 s poll plus slack).</summary>
    public static readonly TimeSpan OnTimeWindow = TimeSpan.FromSeconds(30);

    public async Task<SessionOpeningEquity?> GetAsync(string accountId, DateOnly tradingDay, CancellationToken cancellationToken = default)
    {
        TradingAccountId.Validate(accountId);
        try
        {
            var row = await tables.GetAsync<EquityRow>(Table, accountId, Key(tradingDay), cancellationToken).ConfigureAwait(false);
            return row?.ToValue(tradingDay);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Records <paramref name="equity"/> as the session's opening equity unless one is recorded; returns the recorded one.</summary>
    public async Task<SessionOpeningEquity> CaptureAsync(string accountId, DateOnly tradingDay, DateTimeOffset sessionOpen, decimal equity, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        TradingAccountId.Validate(accountId);
        await tables.CreateTableIfNotExistsAsync(Table, cancellationToken).ConfigureAwait(false);
        var row = new EquityRow
        {
            PartitionKey = accountId,
            RowKey = Key(tradingDay),
            Equity = equity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CapturedAt = now,
            CapturedLate = now - sessionOpen > OnTimeWindow,
        };
        try
        {
            await tables.InsertAsync(Table, row, cancellationToken).ConfigureAwait(false);
            return row.ToValue(tradingDay);
        }
        catch (StorageConflictException)
        {
            var existing = await tables.GetAsync<EquityRow>(Table, accountId, Key(tradingDay), cancellationToken).ConfigureAwait(false);
            return existing!.ToValue(tradingDay);
        }
    }

    /// <summary>Every recorded session opening of the account, oldest first (the kill switch's daily equity curve).</summary>
    public async Task<IReadOnlyList<SessionOpeningEquity>> HistoryAsync(string accountId, CancellationToken cancellationToken = default)
    {
        TradingAccountId.Validate(accountId);
        var list = new List<SessionOpeningEquity>();
        try
        {
            await foreach (var row in tables.QueryAsync<EquityRow>(Table, Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"), cancellationToken).ConfigureAwait(false))
            {
                list.Add(row.ToValue(DateOnly.ParseExact(row.RowKey, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        catch (StorageNotFoundException)
        {
            // no table yet: no history
        }

        list.Sort((a, b) => a.TradingDay.CompareTo(b.TradingDay));
        return list;
    }

    private static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    internal sealed class EquityRow : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        /// <summary>Decimal as invariant text: Table storage has no decimal type and a double would round cents.</summary>
        public string Equity { get; set; } = "0";

        public DateTimeOffset CapturedAt { get; set; }

        public bool CapturedLate { get; set; }

        public SessionOpeningEquity ToValue(DateOnly day) =>
            new(PartitionKey, day, decimal.Parse(Equity, System.Globalization.CultureInfo.InvariantCulture), CapturedAt, CapturedLate);
    }
}
