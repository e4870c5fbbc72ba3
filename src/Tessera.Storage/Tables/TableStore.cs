using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Tessera.Core.Errors;
using Tessera.Storage.Configuration;
using Tessera.Storage.Errors;
using Tessera.Storage.Pipeline;

namespace Tessera.Storage.Tables;

/// <summary>
/// Table REST client (JSON, OData v3) over an Azure.Core pipeline (Shared Key or bearer token). Same code for
/// Azurite (http://127.0.0.1:port/devstoreaccount1) and Azure (https://account.table.core.windows.net).
/// </summary>
public sealed class TableStore : ITableStore
{
    private const string JsonContentType = "application/json";
    private static readonly RequestMethod Merge = new("MERGE");
    private readonly StorageTransport _transport;

    public TableStore(StorageTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
    }

    /// <summary>Shared Key client for the Table endpoint of a connection string.</summary>
    public TableStore(string connectionString, StorageClientOptions? options = null)
        : this(FromConnectionString(StorageConnectionString.Parse(connectionString), options))
    {
    }

    /// <summary>Bearer-token client (managed identity) for a Table service URI such as https://acct.table.core.windows.net.</summary>
    public TableStore(Uri serviceUri, TokenCredential credential, StorageClientOptions? options = null)
        : this(new StorageTransport(StoragePipeline.CreateBearer(StorageServiceKind.Table, credential, options), ServiceEndpoint.ForBearerToken(serviceUri, "tableServiceUri")))
    {
    }

    public Uri Endpoint => _transport.Endpoint;

    public static StorageTransport FromConnectionString(StorageConnectionString connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new StorageTransport(StoragePipeline.CreateSharedKey(StorageServiceKind.Table, connection.Credential, options), connection.TableEndpoint);
    }

    public async Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default)
    {
        TableKeys.ValidateTableName(table);

        // A POST, but safe to retry: "already exists" is success here.
        using var message = _transport.CreateMessage(RequestMethod.Post, "/Tables", idempotent: true);
        message.Request.Headers.SetValue("Content-Type", JsonContentType);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>(StringComparer.Ordinal) { ["TableName"] = table }));
        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is 201 or 204)
        {
            return;
        }

        var error = StorageErrors.FromResponse(response, $"create table '{table}'");
        if (error is StorageConflictException && error.ErrorCode != "TableBeingDeleted")
        {
            return;
        }

        throw error;
    }

    public async Task<string> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        ValidateEntity(table, entity);

        // Never retried: if the first attempt landed, a retry would report a conflict for our own write.
        using var message = _transport.CreateMessage(RequestMethod.Post, "/" + table, idempotent: false);
        message.Request.Headers.SetValue("Content-Type", JsonContentType);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(TableEntityJson.Serialize(entity, includeKeys: true));
        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (201 or 204))
        {
            throw StorageErrors.FromResponse(response, $"insert into '{table}' ({Describe(entity)})");
        }

        return entity.ETag = ETagOf(response);
    }

    public async Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        using var message = _transport.CreateMessage(RequestMethod.Get, TableKeys.EntityPath(table, partitionKey, rowKey), idempotent: true);
        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            var error = StorageErrors.FromResponse(response, $"get from '{table}'");
            return error.ErrorCode == "TableNotFound" ? throw error : null;
        }

        if (response.Status != 200)
        {
            throw StorageErrors.FromResponse(response, $"get from '{table}' (PartitionKey='{partitionKey}', RowKey='{rowKey}')");
        }

        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Deserialize(doc.RootElement);
        if (response.Headers.TryGetValue("ETag", out var etag))
        {
            entity.ETag = etag;
        }

        return entity;
    }

    public Task<string> ReplaceAsync(string table, TableEntity entity, string? ifMatch, CancellationToken cancellationToken = default) =>
        UpdateAsync(RequestMethod.Put, "replace", table, entity, ifMatch, cancellationToken);

    public Task<string> MergeAsync(string table, TableEntity entity, string? ifMatch, CancellationToken cancellationToken = default) =>
        UpdateAsync(Merge, "merge", table, entity, ifMatch, cancellationToken);

    public async Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        using var message = _transport.CreateMessage(RequestMethod.Delete, TableKeys.EntityPath(table, partitionKey, rowKey), idempotent: true);
        message.Request.Headers.SetValue("If-Match", ifMatch ?? "*");
        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            204 or 200 => true,
            404 => false,
            _ => throw StorageErrors.FromResponse(response, $"delete from '{table}' (PartitionKey='{partitionKey}', RowKey='{rowKey}')"),
        };
    }

    public async Task<TableQueryPage> QueryPageAsync(string table, string? filter, TableContinuation? continuation = null, int? top = null, CancellationToken cancellationToken = default)
    {
        TableKeys.ValidateTableName(table);
        if (top is < 1 or > 1000)
        {
            throw new TesseraValidationException("top", top.Value.ToString(CultureInfo.InvariantCulture), "must be 1-1000");
        }

        using var message = _transport.CreateMessage(RequestMethod.Get, "/" + table + "()", idempotent: true);
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter);
        }

        if (top is { } n)
        {
            uri.AppendQuery("$top", n.ToString(CultureInfo.InvariantCulture));
        }

        if (continuation?.NextPartitionKey is { } nextPk)
        {
            uri.AppendQuery("NextPartitionKey", nextPk);
        }

        if (continuation?.NextRowKey is { } nextRk)
        {
            uri.AppendQuery("NextRowKey", nextRk);
        }

        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.FromResponse(response, $"query '{table}'");
        }

        var items = new List<TableEntity>();
        using (var doc = JsonDocument.Parse(response.Content.ToMemory()))
        {
            if (doc.RootElement.TryGetProperty("value", out var value))
            {
                foreach (var element in value.EnumerateArray())
                {
                    items.Add(TableEntityJson.Deserialize(element));
                }
            }
        }

        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow);
        var next = string.IsNullOrEmpty(nextPartition) && string.IsNullOrEmpty(nextRow)
            ? null
            : new TableContinuation(NullIfEmpty(nextPartition), NullIfEmpty(nextRow));
        return new TableQueryPage(items, next);
    }

    public async IAsyncEnumerable<TableEntity> QueryAsync(string table, string? filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TableContinuation? continuation = null;
        do
        {
            var page = await QueryPageAsync(table, filter, continuation, top: null, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    private async Task<string> UpdateAsync(RequestMethod method, string verb, string table, TableEntity entity, string? ifMatch, CancellationToken cancellationToken)
    {
        ValidateEntity(table, entity);

        // Replace/merge with an ETag or "*" and the upserts (no If-Match) all leave the same state when repeated.
        using var message = _transport.CreateMessage(method, TableKeys.EntityPath(table, entity.PartitionKey, entity.RowKey), idempotent: true);
        message.Request.Headers.SetValue("Content-Type", JsonContentType);
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        message.Request.Content = RequestContent.Create(TableEntityJson.Serialize(entity, includeKeys: true));
        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (204 or 200))
        {
            throw StorageErrors.FromResponse(response, $"{verb} in '{table}' ({Describe(entity)})");
        }

        return entity.ETag = ETagOf(response);
    }

    private static void ValidateEntity(string table, TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKeys(table, entity.PartitionKey, entity.RowKey);
    }

    private static void ValidateKeys(string table, string partitionKey, string rowKey)
    {
        TableKeys.ValidateTableName(table);
        TableKeys.ValidateKey("PartitionKey", partitionKey);
        TableKeys.ValidateKey("RowKey", rowKey);
    }

    private static string Describe(TableEntity entity) => $"PartitionKey='{entity.PartitionKey}', RowKey='{entity.RowKey}'";

    private static string ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? etag : throw new StorageRequestException(response.Status, null, "table response has no ETag");

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
