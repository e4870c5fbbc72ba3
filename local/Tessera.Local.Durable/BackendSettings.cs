using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace Tessera.Local.Durable;

/// <summary>The Azure Storage backend's settings for the embedded runtime. Nothing here is read from the environment.</summary>
internal static class BackendSettings
{
    public static AzureStorageOrchestrationServiceSettings Create(string connectionString, EmbeddedDurableOptions options, ILoggerFactory loggerFactory) => new()
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
        TaskHubName = options.TaskHubName,
        PartitionCount = options.PartitionCount,
        MaxQueuePollingInterval = options.MaxQueuePollingInterval,
        LeaseAcquireInterval = options.LeaseAcquireInterval,
        LeaseInterval = options.LeaseInterval,
        LeaseRenewInterval = options.LeaseRenewInterval,
        ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
        MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
        MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,

        // Without a logger factory the backend's failures (a message it cannot deserialize, a history row it cannot
        // read) are silent and an orchestration just stays Running.
        LoggerFactory = loggerFactory,

        // Partition ownership in the partition table is keyed by worker id, whose default is the machine name: two
        // processes on one machine would both believe they own every partition and process the same messages.
        WorkerId = CreateWorkerId(),

        // Several processes (the CLI, extra workers) share one task hub as one app. The app lease would let only one
        // "app name" (by default taken from environment variables) process messages and make the others wait minutes.
        UseAppLease = false,
        AppName = "Tessera",

        // The partition table (the backend's default, stated here because LeaseAcquireInterval/LeaseInterval tune it).
        UseTablePartitionManagement = true,

        // As Durable Functions sets it, so starting an instance id that exists fails the same way locally and in Azure.
        ThrowExceptionOnInvalidDedupeStatus = true,
    };

    /// <summary>Unique per runtime instance (a process may start several runtimes one after the other on the same hub).</summary>
    private static string CreateWorkerId() =>
        $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
