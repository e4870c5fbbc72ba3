namespace Tessera.Storage.Tables;

/// <summary>
/// Table storage operations Tessera needs. One implementation (REST over Azure.Core) serves Azurite and
/// Azure. Errors are typed (not found, conflict, precondition failed, unreachable).
/// </summary>
public interface ITableStore
{
    Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>Insert; StorageConflictException when (PartitionKey, RowKey) exists. Returns the ETag.</summary>
    Task<string> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken = default);

    /// <summary>The entity, or null when it does not exist (a missing table is StorageNotFoundException, code TableNotFound).</summary>
    Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>Replace. ifMatch = an ETag (412 when it changed), "*" (must exist), or null = upsert (insert or replace).</summary>
    Task<string> ReplaceAsync(string table, TableEntity entity, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Merge properties. ifMatch as in ReplaceAsync; null = insert or merge.</summary>
    Task<string> MergeAsync(string table, TableEntity entity, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Delete; returns false when it did not exist. ifMatch null means "*".</summary>
    Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>One page of an OData $filter query (null filter = all).</summary>
    Task<TableQueryPage> QueryPageAsync(string table, string? filter, TableContinuation? continuation = null, int? top = null, CancellationToken cancellationToken = default);

    /// <summary>All matches, following continuation tokens.</summary>
    IAsyncEnumerable<TableEntity> QueryAsync(string table, string? filter, CancellationToken cancellationToken = default);
}
