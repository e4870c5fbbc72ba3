using Azure;
using Tessera.Storage.Errors;

namespace Tessera.Storage.Tables;

/// <summary>
/// The one run index: table <c>runindex</c>, one <see cref="RunIndexRow"/> per run. Written when a run is accepted,
/// when it completes and on every governance transition; read by <c>tessera runs</c>, the rendered
/// <c>runs/INDEX.md</c> / <c>runs/index.html</c> and the history purge (a canary, promoted or frozen run keeps its
/// history). Rows are replaced whole with compare-and-swap on their ETag where two writers could race (governance).
/// </summary>
public sealed class RunIndexTable(ITableStore tables)
{
    public const string Table = "runindex";
    public const string Partition = "run";

    public ITableStore Tables { get; } = tables;

    /// <summary>The row, or null when the run is not in the index (or the table does not exist yet).</summary>
    public async Task<RunIndexRow?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Tables.GetAsync<RunIndexRow>(Table, Partition, runId, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Replace the row: <paramref name="ifMatch"/> an ETag = compare-and-swap, null = upsert.</summary>
    public async Task<ETag> PutAsync(RunIndexRow row, ETag? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        row.PartitionKey = Partition;
        TableKeys.ValidateKey("run_id", row.RowKey);
        await Tables.CreateTableIfNotExistsAsync(Table, cancellationToken).ConfigureAwait(false);
        return await Tables.ReplaceAsync(Table, row, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Create-only: false when the run already has a row (it is left as it is).</summary>
    public async Task<bool> TryInsertAsync(RunIndexRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        row.PartitionKey = Partition;
        TableKeys.ValidateKey("run_id", row.RowKey);
        await Tables.CreateTableIfNotExistsAsync(Table, cancellationToken).ConfigureAwait(false);
        try
        {
            await Tables.InsertAsync(Table, row, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageConflictException)
        {
            return false;
        }
    }

    /// <summary>One page of rows in run id order, optionally only those with <paramref name="status"/>.</summary>
    public async Task<TableQueryPage<RunIndexRow>> PageAsync(string? status, string? continuation, int pageSize, CancellationToken cancellationToken = default)
    {
        var filter = status is null
            ? Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")
            : Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {status}");
        try
        {
            return await Tables.QueryPageAsync<RunIndexRow>(Table, filter, continuation, pageSize, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            return new TableQueryPage<RunIndexRow>([], null);
        }
    }

    /// <summary>Every row, in run id order.</summary>
    public async Task<IReadOnlyList<RunIndexRow>> AllAsync(CancellationToken cancellationToken = default)
    {
        var rows = new List<RunIndexRow>();
        try
        {
            await foreach (var row in Tables.QueryAsync<RunIndexRow>(Table, Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }
        }
        catch (StorageNotFoundException)
        {
            // no table yet: no runs indexed
        }

        return rows;
    }
}
