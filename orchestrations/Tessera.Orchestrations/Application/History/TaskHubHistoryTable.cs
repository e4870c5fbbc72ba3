using Azure.Data.Tables;
using Tessera.Orchestrations.Runs;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Orchestrations.Application.History;

/// <summary>
/// The runtime's history read where the Durable Task Azure Storage backend keeps it: table <c>&lt;TaskHub&gt;History</c>,
/// partition = instance id (= run id), one row per event (RowKey = 16 hex digits of the sequence number, plus a
/// "sentinel" row). It is the table the Azure portal's Durable Functions views and the Durable Functions Monitor
/// read, and the one both hosts write (locally through the embedded sidecar, in Azure through the Functions
/// extension), so one reader serves both. The Microsoft.DurableTask client's GetOrchestrationHistoryAsync cannot be
/// used: the embedded sidecar answers its StreamInstanceHistory call only for in-flight work items (DURABILITY.md).
/// </summary>
public sealed class TaskHubHistoryTable(ITableStore tables, string taskHubName) : IRunHistory
{
    public string TableName { get; } = taskHubName + "History";

    public async Task<IReadOnlyList<HistoryRecord>> ReadAsync(string runId, CancellationToken cancellationToken)
    {
        RunId.Validate(runId);
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in tables.QueryAsync<TableEntity>(TableName, TableClient.CreateQueryFilter($"PartitionKey eq {runId}"), cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }
        }
        catch (StorageNotFoundException)
        {
            return []; // the task hub was never created on this storage
        }

        // Rows come back in RowKey order (the sequence number as 16 hex digits); sorted again so the order never
        // depends on how the query was paged.
        rows.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));

        // Rows of earlier executions (ContinueAsNew, or a purged id scheduled again) share the partition: keep the latest.
        var execution = rows.Find(r => r.RowKey == "sentinel")?.GetString("ExecutionId") ?? (rows.Count > 0 ? rows[^1].GetString("ExecutionId") : null);
        var events = new List<HistoryRecord>(rows.Count);
        foreach (var row in rows)
        {
            if (row.RowKey == "sentinel" || row.GetString("ExecutionId") != execution || row.GetString("EventType") is not { } type)
            {
                continue;
            }

            events.Add(new HistoryRecord(
                type,
                row.GetInt32("EventId") ?? -1,
                row.GetString("Name"),
                row.GetInt32("TaskScheduledId"),
                row.GetDateTimeOffset("_Timestamp") ?? row.Timestamp ?? DateTimeOffset.MinValue));
        }

        return events;
    }
}
