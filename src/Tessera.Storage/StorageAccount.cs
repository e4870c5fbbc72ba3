using Azure.Core;
using Tessera.Storage.Blobs;
using Tessera.Storage.Configuration;
using Tessera.Storage.Pipeline;
using Tessera.Storage.Tables;

namespace Tessera.Storage;

/// <summary>
/// The factory hosts use: one call gives the Blob and Table stores of an account, from a connection string
/// (Shared Key; "UseDevelopmentStorage=true" for Azurite on default ports) or from service URIs and a
/// TokenCredential (managed identity in Azure, scope https://storage.azure.com/.default).
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

    public static StorageAccount FromConnectionString(string connectionString, StorageClientOptions? options = null)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        return new StorageAccount(
            new BlobStore(BlobStore.FromConnectionString(parsed, options)),
            new TableStore(TableStore.FromConnectionString(parsed, options)));
    }

    public static StorageAccount FromTokenCredential(Uri blobServiceUri, Uri tableServiceUri, TokenCredential credential, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        ArgumentNullException.ThrowIfNull(tableServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageAccount(
            new BlobStore(blobServiceUri, credential, options),
            new TableStore(tableServiceUri, credential, options));
    }
}
