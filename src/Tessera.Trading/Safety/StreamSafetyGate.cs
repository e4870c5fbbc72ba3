using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Trading.Safety;

/// <summary>
/// SOP-01 across processes: while the stream service is in safety mode (or recovering, before its 60 s of clean
/// reception), no order leaves any process of the account, not only the stream service. Scans read the service's
/// status row: submissions are blocked when the row is fresh (written within <see cref="FreshFor"/> of now) and says
/// submissions are not allowed. No row, or a stale one (no stream service running: the embedded default without
/// <c>tessera stream</c>), blocks nothing: the service is not there to have an opinion.
/// </summary>
public static class StreamSafetyGate
{
    /// <summary>A status row older than this is not trusted (the service writes it every 5 s).</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(60);

    /// <summary>Whether the row blocks submissions at <paramref name="now"/>.</summary>
    public static bool Blocks(StreamStatusRow? row, DateTimeOffset now) =>
        row is not null && !row.SubmissionsAllowed && now - row.At <= FreshFor && row.At - now <= FreshFor;

    public static async Task<bool> BlocksAsync(ITableStore tables, string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        try
        {
            return Blocks(await tables.GetAsync<StreamStatusRow>(StreamStatusRow.TableName, accountId, StreamStatusRow.RowName, cancellationToken).ConfigureAwait(false), now);
        }
        catch (StorageNotFoundException)
        {
            return false; // the table does not exist: no stream service ever ran on this storage
        }
    }
}
