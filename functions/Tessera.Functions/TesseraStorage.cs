using Azure.Identity;
using Azure.Core;
using Tessera.Storage.Blobs;
using Tessera.Storage.Tables;

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
        if (setting(Tessera.Core.Secrets.TesseraSecrets.StorageConnectionString) is { Length: > 0 } connection)
        {
            return new BlobStore(connection);
        }

        var blobUri = setting("AzureWebJobsStorage__blobServiceUri")
            ?? throw new InvalidOperationException("set TESSERA_STORAGE_CONNECTION_STRING or AzureWebJobsStorage__blobServiceUri");
        return new BlobStore(new Uri(blobUri), Identity(setting));
    }

    /// <summary>
    /// Tables of the same account: the task hub's History table (the steps of a run's status, read where the Durable
    /// Task backend writes it) and governance's runprotection table.
    /// </summary>
    public static ITableStore OpenTables(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (setting(Tessera.Core.Secrets.TesseraSecrets.StorageConnectionString) is { Length: > 0 } connection)
        {
            return new TableStore(connection);
        }

        var tableUri = setting("AzureWebJobsStorage__tableServiceUri")
            ?? throw new InvalidOperationException("set TESSERA_STORAGE_CONNECTION_STRING or AzureWebJobsStorage__tableServiceUri");
        return new TableStore(new Uri(tableUri), Identity(setting));
    }

    /// <summary>The task hub host.json names (extensions.durableTask.hubName); TESSERA_TASK_HUB overrides it as on the local host.</summary>
    public static string TaskHub(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting("TESSERA_TASK_HUB") is { Length: > 0 } hub ? hub : "TesseraHub";
    }

    private static TokenCredential Identity(Func<string, string?> setting) =>
        setting("AzureWebJobsStorage__clientId") is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
}
