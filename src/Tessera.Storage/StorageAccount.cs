using Azure.Core;
using Tessera.Storage.Blobs;
using Tessera.Storage.Tables;

namespace Tessera.Storage;

/// <summary>
/// The Blob and Table stores of one account, on Azure.Storage.Blobs and Azure.Data.Tables: from a connection string
/// (locally: Azurite's, <c>UseDevelopmentStorage=true</c>, or an account's; read from the environment, never from
/// argv) or from service URIs and a TokenCredential (Azure: the app's managed identity; scope
/// https://storage.azure.com/.default). Retry and timeouts: <see cref="StorageRetrySettings"/>.
/// </summary>
public sealed class StorageAccount
{
    private StorageAccount(BlobStore blobs, TableStore tables)
    {
        Blobs = blobs;
        Tables = tables;
    }

    public BlobStore Blobs { get; }

    public TableStore Tables { get; }

    public static StorageAccount FromConnectionString(string connectionString, StorageRetrySettings? retry = null) =>
        new(new BlobStore(connectionString, retry), new TableStore(connectionString, retry));

    public static StorageAccount FromTokenCredential(Uri blobServiceUri, Uri tableServiceUri, TokenCredential credential, StorageRetrySettings? retry = null)
    {
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        ArgumentNullException.ThrowIfNull(tableServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        return new(new BlobStore(blobServiceUri, credential, retry), new TableStore(tableServiceUri, credential, retry));
    }
}
