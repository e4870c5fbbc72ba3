using Tessera.Storage.Tables;
using Tessera.Stream.Engine;
using Tessera.Trading.Safety;

namespace Tessera.Stream.Persistence;

/// <summary>
/// The service's status in Table storage (table <c>streamstatus</c>, one <see cref="StreamStatusRow"/> per account) so
/// the Functions app, the dashboard and the scans' submission gate (<see cref="StreamSafetyGate"/>) see the connection,
/// the lag and safety mode without reaching the container.
/// </summary>
public sealed class StatusStore(ITableStore tables)
{
    public const string Table = StreamStatusRow.TableName;

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => tables.CreateTableIfNotExistsAsync(Table, cancellationToken);

    public async Task WriteAsync(string accountId, StreamServiceStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        await tables.ReplaceAsync(Table, RowOf(accountId, status), ifMatch: null, cancellationToken).ConfigureAwait(false);
    }

    public Task<StreamStatusRow?> ReadAsync(string accountId, CancellationToken cancellationToken = default) =>
        tables.GetAsync<StreamStatusRow>(Table, accountId, StreamStatusRow.RowName, cancellationToken);

    public static StreamStatusRow RowOf(string accountId, StreamServiceStatus s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            PartitionKey = accountId,
            At = s.At,
            Connection = s.Connection.ToString(),
            LagMs = double.IsFinite(s.LagMs) ? s.LagMs : 0,
            LastMessageAt = s.LastMessageAt,
            SafetyMode = s.SafetyMode.ToString(),
            SubmissionsAllowed = s.SubmissionsAllowed,
            TradingStopped = s.TradingStopped,
            Symbols = s.Symbols,
            Stops = s.Stops,
            Messages = s.Messages,
            Reconnects = s.Reconnects,
            Breaches = s.Breaches,
            StopsFired = s.StopsFired,
            Skipped = s.Skipped,
        };
    }
}
