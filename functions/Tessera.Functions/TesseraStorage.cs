using Azure.Identity;
using Tessera.Storage.Blobs;

namespace Tessera.Functions;

/// <summary>
/// Tessera's own data on Azure: TESSERA_STORAGE_CONNECTION_STRING when set (local runs of the app), otherwise the
/// account of AzureWebJobsStorage__blobServiceUri reached with the app's user-assigned managed identity
/// (AzureWebJobsStorage__clientId), as the infra configures it. No account key is ever needed in Azure.
/// </summary>
public static class TesseraStorage
{
    public static IBlobStore OpenBlobs(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (setting("TESSERA_STORAGE_CONNECTION_STRING") is { Length: > 0 } connection)
        {
            return new BlobStore(connection);
        }

        var blobUri = setting("AzureWebJobsStorage__blobServiceUri")
            ?? throw new InvalidOperationException("set TESSERA_STORAGE_CONNECTION_STRING or AzureWebJobsStorage__blobServiceUri");
        var credential = setting("AzureWebJobsStorage__clientId") is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        return new BlobStore(new Uri(blobUri), credential);
    }
}
