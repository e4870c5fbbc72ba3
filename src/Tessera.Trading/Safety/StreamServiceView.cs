using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Trading.Safety;

/// <summary>
/// The stream service as the account's status shows it (GET /api/trading/status, `tessera trade status`, the
/// dashboard): read from the service's status row. <see cref="Fresh"/> is false when the row is older than
/// <see cref="StreamSafetyGate.FreshFor"/>: the service is not running (or not writing), and its last word is shown as
/// such rather than as the present.
/// </summary>
public sealed record StreamServiceView(
    DateTimeOffset At,
    bool Fresh,
    string Connection,
    double LagMs,
    string SafetyMode,
    bool SubmissionsAllowed,
    int Symbols,
    int Stops,
    long Messages,
    long Reconnects,
    long Breaches,
    long StopsFired)
{
    public static StreamServiceView Of(StreamStatusRow row, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        var fresh = now - row.At <= StreamSafetyGate.FreshFor && row.At - now <= StreamSafetyGate.FreshFor;
        return new StreamServiceView(row.At, fresh, row.Connection, row.LagMs, row.SafetyMode, row.SubmissionsAllowed, row.Symbols, row.Stops, row.Messages, row.Reconnects, row.Breaches, row.StopsFired);
    }

    /// <summary>The account's stream service status, or null when no stream service ever wrote one on this storage.</summary>
    public static async Task<StreamServiceView?> ReadAsync(ITableStore tables, string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        try
        {
            var row = await tables.GetAsync<StreamStatusRow>(StreamStatusRow.TableName, accountId, StreamStatusRow.RowName, cancellationToken).ConfigureAwait(false);
            return row is null ? null : Of(row, now);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }
}
