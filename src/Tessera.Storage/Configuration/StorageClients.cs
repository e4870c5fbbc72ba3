using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Tessera.Storage.Configuration;

/// <summary>
/// Builds the SDK service clients of one account, each in two flavours that share the SDK's HTTP transport: one with
/// the retry policy of <see cref="StorageRetrySettings"/>, one with a single attempt for the writes whose retry could
/// misreport (a create-only put or a table insert whose first attempt landed but whose answer was lost would come
/// back as "already exists"; an append without position would append twice).
/// </summary>
internal static class StorageClients
{
    public static (BlobServiceClient Retrying, BlobServiceClient Once) Blobs(string connectionString, StorageRetrySettings? settings)
    {
        var probe = Parse(() => new BlobServiceClient(connectionString));
        RefuseUserInfo(probe.Uri, "BlobEndpoint");
        var s = settings ?? StorageRetrySettings.For(probe.Uri);
        return (new BlobServiceClient(connectionString, s.Apply(new BlobClientOptions(), retry: true)),
            new BlobServiceClient(connectionString, s.Apply(new BlobClientOptions(), retry: false)));
    }

    public static (BlobServiceClient Retrying, BlobServiceClient Once) Blobs(Uri serviceUri, TokenCredential credential, StorageRetrySettings? settings)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var uri = ServiceEndpoint.ForBearerToken(serviceUri, "blobServiceUri");
        var s = settings ?? StorageRetrySettings.For(uri);
        return (new BlobServiceClient(uri, credential, s.Apply(new BlobClientOptions(), retry: true)),
            new BlobServiceClient(uri, credential, s.Apply(new BlobClientOptions(), retry: false)));
    }

    public static (TableServiceClient Retrying, TableServiceClient Once) Tables(string connectionString, StorageRetrySettings? settings)
    {
        var probe = Parse(() => new TableServiceClient(connectionString));
        RefuseUserInfo(probe.Uri, "TableEndpoint");
        var s = settings ?? StorageRetrySettings.For(probe.Uri);
        return (new TableServiceClient(connectionString, s.Apply(new TableClientOptions(), retry: true)),
            new TableServiceClient(connectionString, s.Apply(new TableClientOptions(), retry: false)));
    }

    public static (TableServiceClient Retrying, TableServiceClient Once) Tables(Uri serviceUri, TokenCredential credential, StorageRetrySettings? settings)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var uri = ServiceEndpoint.ForBearerToken(serviceUri, "tableServiceUri");
        var s = settings ?? StorageRetrySettings.For(uri);
        return (new TableServiceClient(uri, credential, s.Apply(new TableClientOptions(), retry: true)),
            new TableServiceClient(uri, credential, s.Apply(new TableClientOptions(), retry: false)));
    }

    /// <summary>
    /// An endpoint with user info (<c>http://user:password@host</c>) is refused before any request: the SDK would fail on
    /// it mid-request with a message quoting the password. The account key or a token authenticates, never the URL.
    /// </summary>
    private static void RefuseUserInfo(Uri endpoint, string field)
    {
        if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            throw new StorageConfigurationException(field, Tessera.Core.Errors.Redaction.Endpoint(endpoint),
                "must not carry user info (user:password@): the account key authenticates; value redacted");
        }
    }

    // The SDKs' parse errors may quote a fragment of the string, which can hold the account key: neither the value
    // nor the SDK's exception is passed on.
    private static T Parse<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or UriFormatException)
        {
            throw new StorageConfigurationException("ConnectionString", null,
                "must be an Azure Storage connection string (AccountName + AccountKey with endpoints or EndpointSuffix, or UseDevelopmentStorage=true); value not shown");
        }
    }
}
