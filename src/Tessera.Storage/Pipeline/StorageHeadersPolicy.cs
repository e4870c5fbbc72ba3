using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Tessera.Storage.Pipeline;

/// <summary>
/// Stamps the service version and a fresh x-ms-date on every attempt (a retried request must carry a new
/// date, or the service rejects the signature as stale), plus the OData headers Table requests need.
/// </summary>
public sealed class StorageHeadersPolicy(StorageServiceKind kind, TimeProvider clock) : HttpPipelineSynchronousPolicy
{
    /// <summary>Blob REST version: supports append blobs, conditional puts and x-ms-range on Azure and Azurite.</summary>
    public const string BlobVersion = "2021-08-06";

    /// <summary>Table REST version (AZURE.md); also >= 2017-11-09 as bearer-token auth requires.</summary>
    public const string TableVersion = "2019-02-02";

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Request.Headers;
        headers.SetValue("x-ms-version", kind == StorageServiceKind.Blob ? BlobVersion : TableVersion);
        headers.SetValue("x-ms-date", clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        if (kind == StorageServiceKind.Table)
        {
            headers.SetValue("DataServiceVersion", "3.0");
            headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
            if (!headers.TryGetValue("Accept", out _))
            {
                headers.SetValue("Accept", "application/json;odata=minimalmetadata");
            }
        }
    }
}
