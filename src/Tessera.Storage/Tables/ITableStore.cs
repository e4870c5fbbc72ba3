using Azure;
using Azure.Data.Tables;

namespace Tessera.Storage.Tables;

/// <summary>
/// Table storage operations Tessera needs, on Azure.Data.Tables entities (<see cref="TableEntity"/> or any
/// <see cref="ITableEntity"/> class). One implementation, <see cref="TableStore"/>, serves Azurite and Azure. Keys are
/// validated before any request; errors are typed (not found, conflict, precondition failed, unreachable). Filters are
/// OData strings built with <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, which quotes every value.
/// </summary>
public interface ITableStore
{
    Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>
    /// Create-if-absent, the idempotency primitive: StorageConflictException (EntityAlreadyExists) when
    /// (PartitionKey, RowKey) exists. A single attempt, never retried (a retry after a lost answer would report our own
    /// insert as a conflict). Returns the new ETag, also set on the entity.
    /// </summary>
    Task<ETag> InsertAsync<T>(string table, T entity, CancellationToken cancellationToken = default)
        where T : class, ITableEntity;

    /// <summary>The entity, or null when it does not exist (a missing table is StorageNotFoundException, code TableNotFound).</summary>
    Task<T?> GetAsync<T>(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new();

    /// <summary>
    /// Replace the whole entity. <paramref name="ifMatch"/>: an ETag = compare-and-swap (StoragePreconditionFailedException
    /// when it changed), <see cref="ETag.All"/> = must exist (StorageNotFoundException otherwise), null = upsert.
    /// Returns the new ETag, also set on the entity.
    /// </summary>
    Task<ETag> ReplaceAsync<T>(string table, T entity, ETag? ifMatch, CancellationToken cancellationToken = default)
        where T : class, ITableEntity;

    /// <summary>Merge the given properties into the stored entity; <paramref name="ifMatch"/> as in ReplaceAsync (null = insert or merge).</summary>
    Task<ETag> MergeAsync<T>(string table, T entity, ETag? ifMatch, CancellationToken cancellationToken = default)
        where T : class, ITableEntity;

    /// <summary>Delete; false when the entity did not exist. <paramref name="ifMatch"/> null = unconditional.</summary>
    Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, ETag? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>One page of a query (null filter = all); pass the page's Continuation back to get the next one.</summary>
    Task<TableQueryPage<T>> QueryPageAsync<T>(string table, string? filter, string? continuation = null, int? top = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new();

    /// <summary>All matches, following continuation tokens.</summary>
    IAsyncEnumerable<T> QueryAsync<T>(string table, string? filter, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new();
}

/// <summary>A page of query results; <see cref="Continuation"/> is null on the last page (an opaque SDK token otherwise).</summary>
public sealed record TableQueryPage<T>(IReadOnlyList<T> Items, string? Continuation);
