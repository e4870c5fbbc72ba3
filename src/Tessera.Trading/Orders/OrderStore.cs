using Azure;
using Azure.Data.Tables;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Trading.Orders;

/// <summary>
/// Order records in one table (PK = account, RK = client order id). Updates are compare-and-swap on the ETag, so the
/// stream adapter, the poller and the submitting call never overwrite each other's newer state.
/// </summary>
public sealed class OrderStore
{
    private readonly ITableStore _tables;

    public OrderStore(ITableStore tables, string table = "orders")
    {
        ArgumentNullException.ThrowIfNull(tables);
        TableKeys.ValidateTableName(table);
        _tables = tables;
        Table = table;
    }

    public string Table { get; }

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => _tables.CreateTableIfNotExistsAsync(Table, cancellationToken);

    /// <summary>Inserts the record (Created = true), or returns the stored version when one already exists (Created = false).</summary>
    public async Task<(bool Created, StoredOrder Stored)> InsertIfAbsentAsync(OrderRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var entity = OrderRecordEntity.From(record);
            var etag = await _tables.InsertAsync(Table, entity, cancellationToken).ConfigureAwait(false);
            return (true, new StoredOrder(record, etag));
        }
        catch (StorageConflictException conflict)
        {
            var existing = await GetAsync(record.AccountId, record.ClientOrderId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"order '{record.ClientOrderId}' conflicted on insert but cannot be read back", conflict);
            return (false, existing);
        }
    }

    public async Task<StoredOrder?> GetAsync(string accountId, string clientOrderId, CancellationToken cancellationToken = default)
    {
        TableKeys.ValidateKey("clientOrderId", clientOrderId);
        var entity = await _tables.GetAsync<OrderRecordEntity>(Table, accountId, clientOrderId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new StoredOrder(entity.ToRecord(), entity.ETag);
    }

    /// <summary>Replaces the record if it is unchanged since <paramref name="etag"/> was read; false when another writer won.</summary>
    public async Task<(bool Written, ETag ETag)> TryReplaceAsync(OrderRecord record, ETag etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var written = await _tables.ReplaceAsync(Table, OrderRecordEntity.From(record), etag, cancellationToken).ConfigureAwait(false);
            return (true, written);
        }
        catch (Exception e) when (e is StoragePreconditionFailedException or StorageNotFoundException)
        {
            return (false, default);
        }
    }

    /// <summary>Every record of the account.</summary>
    public async Task<IReadOnlyList<StoredOrder>> ListAsync(string accountId, CancellationToken cancellationToken = default)
    {
        TableKeys.ValidateKey("accountId", accountId);
        var list = new List<StoredOrder>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId}");
        await foreach (var e in _tables.QueryAsync<OrderRecordEntity>(Table, filter, cancellationToken).ConfigureAwait(false))
        {
            list.Add(new StoredOrder(e.ToRecord(), e.ETag));
        }

        return list;
    }
}

/// <summary>A record with the ETag it was read at (for compare-and-swap).</summary>
public sealed record StoredOrder(OrderRecord Record, ETag ETag);
