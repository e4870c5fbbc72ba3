using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Tessera.Core.Errors;
using Tessera.Storage.Configuration;
using Tessera.Storage.Errors;

namespace Tessera.Storage.Tables;

/// <summary>
/// <see cref="ITableStore"/> over Azure.Data.Tables (<see cref="TableServiceClient"/>): the same client for Azurite and
/// Azure. Adds key and value validation before any request, the insert / compare-and-swap semantics the domain needs,
/// and typed errors (<see cref="StorageFailures"/>).
/// </summary>
public sealed class TableStore : ITableStore
{
    private const string TableNotFound = "TableNotFound";

    // Retried by the SDK's policy, and a single attempt for inserts (StorageClients).
    private readonly TableServiceClient _retrying;
    private readonly TableServiceClient _once;

    /// <summary>From a connection string: an account's, Azurite's (AzuriteLauncher.ConnectionString) or <c>UseDevelopmentStorage=true</c>.</summary>
    public TableStore(string connectionString, StorageRetrySettings? retry = null)
    {
        (_retrying, _once) = StorageClients.Tables(connectionString, retry);
    }

    /// <summary>Token auth (managed identity) for a Table service URI such as https://acct.table.core.windows.net (not on Azurite).</summary>
    public TableStore(Uri serviceUri, TokenCredential credential, StorageRetrySettings? retry = null)
    {
        (_retrying, _once) = StorageClients.Tables(serviceUri, credential, retry);
    }

    /// <summary>The Table service root (no credentials in it).</summary>
    public Uri Endpoint => _retrying.Uri;

    public async Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default)
    {
        TableKeys.ValidateTableName(table);
        try
        {
            await _retrying.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, $"create table '{table}'");
        }
    }

    public async Task<ETag> InsertAsync<T>(string table, T entity, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        ValidateEntity(table, entity);
        try
        {
            var response = await _once.GetTableClient(table).AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return entity.ETag = response.Headers.ETag ?? default;
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, $"insert into '{table}' ({Describe(entity)})");
        }
    }

    public async Task<T?> GetAsync<T>(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        ValidateKeys(table, partitionKey, rowKey);
        try
        {
            var response = await _retrying.GetTableClient(table).GetEntityAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404 && !string.Equals(e.ErrorCode, TableNotFound, StringComparison.Ordinal))
        {
            return null;
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, $"get from '{table}' (PartitionKey='{partitionKey}', RowKey='{rowKey}')");
        }
    }

    public Task<ETag> ReplaceAsync<T>(string table, T entity, ETag? ifMatch, CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        UpdateAsync(table, entity, ifMatch, TableUpdateMode.Replace, cancellationToken);

    public Task<ETag> MergeAsync<T>(string table, T entity, ETag? ifMatch, CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        UpdateAsync(table, entity, ifMatch, TableUpdateMode.Merge, cancellationToken);

    public async Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, ETag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        var operation = $"delete from '{table}' (PartitionKey='{partitionKey}', RowKey='{rowKey}')";
        Response response;
        try
        {
            // The SDK answers a missing entity with its 404 response instead of an exception.
            response = await _retrying.GetTableClient(table).DeleteEntityAsync(partitionKey, rowKey, ifMatch ?? ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, operation);
        }

        if (response.Status != 404)
        {
            return true;
        }

        if (response.Headers.TryGetValue("x-ms-error-code", out var code) && string.Equals(code, TableNotFound, StringComparison.Ordinal))
        {
            throw StorageFailures.Translate(new RequestFailedException(response), Endpoint, operation);
        }

        return false;
    }

    public async Task<TableQueryPage<T>> QueryPageAsync<T>(string table, string? filter, string? continuation = null, int? top = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        TableKeys.ValidateTableName(table);
        if (top is < 1 or > 1000)
        {
            throw new TesseraValidationException("top", top.Value.ToString(CultureInfo.InvariantCulture), "must be 1-1000");
        }

        try
        {
            var pages = _retrying.GetTableClient(table)
                .QueryAsync<T>(string.IsNullOrEmpty(filter) ? null : filter, top, cancellationToken: cancellationToken)
                .AsPages(string.IsNullOrEmpty(continuation) ? null : continuation, top);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                return new TableQueryPage<T>(page.Values, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }

            return new TableQueryPage<T>([], null);
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, $"query '{table}'");
        }
    }

    public async IAsyncEnumerable<T> QueryAsync<T>(string table, string? filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        string? continuation = null;
        do
        {
            var page = await QueryPageAsync<T>(table, filter, continuation, top: null, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    private async Task<ETag> UpdateAsync<T>(string table, T entity, ETag? ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        ValidateEntity(table, entity);
        var client = _retrying.GetTableClient(table);
        try
        {
            // Replace/merge with an ETag or "*" and the upserts all leave the same state when repeated: safe to retry.
            var response = ifMatch is { } etag
                ? await client.UpdateEntityAsync(entity, etag, mode, cancellationToken).ConfigureAwait(false)
                : await client.UpsertEntityAsync(entity, mode, cancellationToken).ConfigureAwait(false);
            return entity.ETag = response.Headers.ETag ?? default;
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, $"{(mode == TableUpdateMode.Replace ? "replace" : "merge")} in '{table}' ({Describe(entity)})");
        }
    }

    private static void ValidateEntity(string table, ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKeys(table, entity.PartitionKey, entity.RowKey);
        if (entity is IDictionary<string, object?> properties)
        {
            foreach (var (name, value) in properties)
            {
                if (value is not (null or string or bool or int or long or double or DateTimeOffset or DateTime or Guid or byte[] or BinaryData or ETag))
                {
                    throw new TesseraValidationException(name, value.GetType().Name,
                        "table property values must be string, int, long, double, bool, DateTimeOffset, DateTime, Guid, byte[] or null");
                }

                // The SDK writes doubles as JSON numbers, which have no NaN or infinity.
                if (value is double d && !double.IsFinite(d))
                {
                    throw new TesseraValidationException(name, d.ToString(CultureInfo.InvariantCulture), "table double values must be finite");
                }
            }
        }
    }

    private static void ValidateKeys(string table, string partitionKey, string rowKey)
    {
        TableKeys.ValidateTableName(table);
        TableKeys.ValidateKey("PartitionKey", partitionKey);
        TableKeys.ValidateKey("RowKey", rowKey);
    }

    private static string Describe(ITableEntity entity) => $"PartitionKey='{entity.PartitionKey}', RowKey='{entity.RowKey}'";
}
