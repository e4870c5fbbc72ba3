using Azure;
using Azure.Data.Tables;

namespace Tessera.Exchange.Persistence;

/// <summary>
/// Account state in Azure Table storage (Azurite locally, a storage account on Azure): one partition per account,
/// one entity per account/position/order/activity holding its JSON. Saves are batched in entity-group transactions
/// (at most 100 operations each), upserts only, so a save interrupted half-way is completed by the next one.
/// </summary>
public sealed class TableStateStore : IExchangeStateStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table;
    private readonly SemaphoreSlim _created = new(1, 1);
    private bool _exists;

    public TableStateStore(string connectionString, string tableName = "TesseraExchange")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _table = new TableClient(connectionString, tableName);
        Description = $"Table storage, table '{tableName}' at {_table.Uri.GetLeftPart(UriPartial.Authority)}";
    }

    public string Description { get; }

    public async Task<ExchangeSnapshot?> LoadAsync(string accountKey, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == accountKey, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.GetString("Json") is { } json)
            {
                rows[e.RowKey] = System.Text.Encoding.UTF8.GetBytes(json);
            }
        }

        return StateRows.ToSnapshot(rows);
    }

    public async Task SaveAsync(string accountKey, ExchangeChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        if (changes.Reset)
        {
            await DeletePartitionAsync(accountKey, cancellationToken).ConfigureAwait(false);
        }

        var batch = new List<TableTransactionAction>(MaxBatch);
        foreach (var (key, json) in StateRows.FromChanges(changes))
        {
            var entity = new TableEntity(accountKey, key) { ["Json"] = System.Text.Encoding.UTF8.GetString(json) };
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            if (batch.Count == MaxBatch)
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeletePartitionAsync(string accountKey, CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>(MaxBatch);
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == accountKey, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All));
            if (batch.Count == MaxBatch)
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_exists)
        {
            return;
        }

        await _created.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_exists)
            {
                await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _exists = true;
            }
        }
        finally
        {
            _created.Release();
        }
    }
}
