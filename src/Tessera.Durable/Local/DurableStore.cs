using System.Globalization;
using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Durable.Local;

/// <summary>
/// Persistence of the local engine in Table storage. Instances table: one row per instance (PartitionKey = instance
/// id, RowKey = "instance"): name, status, input, output, custom status, failure, created, last updated, parent.
/// History table: PartitionKey = instance id, RowKey = sequence zero-padded to 10 digits: event type, name, task
/// id, timestamp (ticks, exact), payload, failure, child instance id, timer fire time.
/// </summary>
internal sealed class DurableStore
{
    private const string InstanceRowKey = "instance";
    private readonly ITableStore _tables;
    private readonly int _writeConcurrency;

    public DurableStore(ITableStore tables, string taskHubName, int writeConcurrency)
    {
        if (string.IsNullOrEmpty(taskHubName) || taskHubName.Length > 45 || !char.IsAsciiLetter(taskHubName[0]) || !taskHubName.All(char.IsAsciiLetterOrDigit))
        {
            throw new TesseraValidationException("TaskHubName", taskHubName, "1..45 ASCII letters or digits, starting with a letter (it prefixes table names)");
        }

        _tables = tables;
        _writeConcurrency = Math.Max(1, writeConcurrency);
        InstancesTable = taskHubName + "Instances";
        HistoryTable = taskHubName + "History";
    }

    public string InstancesTable { get; }

    public string HistoryTable { get; }

    public static string RowKeyOf(long sequence) => sequence.ToString("D10", CultureInfo.InvariantCulture);

    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        await _tables.CreateTableIfNotExistsAsync(InstancesTable, cancellationToken).ConfigureAwait(false);
        await _tables.CreateTableIfNotExistsAsync(HistoryTable, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Create-only insert; <see cref="OrchestrationInstanceExistsException"/> when the id is taken.</summary>
    public async Task InsertInstanceAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await _tables.InsertAsync(InstancesTable, ToEntity(record), cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            throw new OrchestrationInstanceExistsException(record.InstanceId);
        }
    }

    public Task SaveInstanceAsync(InstanceRecord record, CancellationToken cancellationToken) =>
        _tables.ReplaceAsync(InstancesTable, ToEntity(record), ifMatch: null, cancellationToken);

    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var entity = await _tables.GetAsync(InstancesTable, instanceId, InstanceRowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : FromEntity(entity);
    }

    public async Task<List<InstanceRecord>> ListInstancesAsync(CancellationToken cancellationToken)
    {
        var list = new List<InstanceRecord>();
        await foreach (var entity in _tables.QueryAsync(InstancesTable, null, cancellationToken).ConfigureAwait(false))
        {
            list.Add(FromEntity(entity));
        }

        return list;
    }

    /// <summary>Upserts events (in parallel). Upsert, not insert: rows past a gap left by a crash get overwritten.</summary>
    public Task AppendHistoryAsync(string instanceId, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 1)
        {
            return _tables.ReplaceAsync(HistoryTable, HistoryToEntity(instanceId, events[0]), ifMatch: null, cancellationToken);
        }

        return Parallel.ForEachAsync(
            events,
            new ParallelOptions { MaxDegreeOfParallelism = _writeConcurrency, CancellationToken = cancellationToken },
            async (e, ct) => await _tables.ReplaceAsync(HistoryTable, HistoryToEntity(instanceId, e), ifMatch: null, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// The history as recorded: the contiguous prefix of sequences 0, 1, 2, ... Rows after a gap (a batch written in
    /// parallel when the process died) never reached the orchestrator; with <paramref name="deleteOrphans"/> they are
    /// deleted so that the resumed run rewrites those positions.
    /// </summary>
    public async Task<List<HistoryEvent>> LoadHistoryAsync(string instanceId, bool deleteOrphans, CancellationToken cancellationToken)
    {
        var all = new List<HistoryEvent>();
        await foreach (var entity in _tables.QueryAsync(HistoryTable, $"PartitionKey eq '{InstanceIds.Validate(instanceId)}'", cancellationToken).ConfigureAwait(false))
        {
            all.Add(HistoryFromEntity(entity));
        }

        all.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        var prefix = 0;
        while (prefix < all.Count && all[prefix].Sequence == prefix)
        {
            prefix++;
        }

        if (deleteOrphans)
        {
            for (var i = prefix; i < all.Count; i++)
            {
                await _tables.DeleteAsync(HistoryTable, instanceId, RowKeyOf(all[i].Sequence), null, cancellationToken).ConfigureAwait(false);
            }
        }

        all.RemoveRange(prefix, all.Count - prefix);
        return all;
    }

    /// <summary>Deletes history rows 0..count-1: row 0 first, so that an interrupted delete leaves no valid prefix.</summary>
    public async Task DeleteHistoryAsync(string instanceId, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }

        await _tables.DeleteAsync(HistoryTable, instanceId, RowKeyOf(0), null, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            Enumerable.Range(1, count - 1),
            new ParallelOptions { MaxDegreeOfParallelism = _writeConcurrency, CancellationToken = cancellationToken },
            async (seq, ct) => await _tables.DeleteAsync(HistoryTable, instanceId, RowKeyOf(seq), null, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static TableEntity ToEntity(InstanceRecord r)
    {
        var e = new TableEntity(r.InstanceId, InstanceRowKey)
        {
            ["Name"] = r.Name,
            ["Status"] = r.Status.ToString(),
            ["CreatedAt"] = r.CreatedAt,
            ["LastUpdatedAt"] = r.LastUpdatedAt,
            ["ParentTaskId"] = r.ParentTaskId,
        };
        if (r.ParentInstanceId is not null)
        {
            e["ParentInstanceId"] = r.ParentInstanceId;
        }

        PayloadColumns.Write(e, "Input", r.Input);
        PayloadColumns.Write(e, "Output", r.Output);
        PayloadColumns.Write(e, "CustomStatus", r.CustomStatus);
        PayloadColumns.Write(e, "Failure", r.Failure is null ? null : JsonSerializer.Serialize(r.Failure));
        return e;
    }

    private static InstanceRecord FromEntity(TableEntity e)
    {
        var failure = PayloadColumns.Read(e, "Failure");
        return new InstanceRecord
        {
            InstanceId = e.PartitionKey,
            Name = e.GetString("Name") ?? string.Empty,
            Status = Enum.Parse<OrchestrationRuntimeStatus>(e.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Pending)),
            Input = PayloadColumns.Read(e, "Input"),
            Output = PayloadColumns.Read(e, "Output"),
            CustomStatus = PayloadColumns.Read(e, "CustomStatus"),
            Failure = failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure),
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            LastUpdatedAt = e.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue,
            ParentInstanceId = e.GetString("ParentInstanceId"),
            ParentTaskId = (int)(e.GetInt64("ParentTaskId") ?? -1),
        };
    }

    private static TableEntity HistoryToEntity(string instanceId, HistoryEvent h)
    {
        var e = new TableEntity(instanceId, RowKeyOf(h.Sequence))
        {
            ["EventType"] = h.EventType.ToString(),
            ["TimestampTicks"] = h.Timestamp.Ticks,
            ["TaskId"] = h.TaskId,
        };
        if (h.Name is not null)
        {
            e["Name"] = h.Name;
        }

        if (h.ChildInstanceId is not null)
        {
            e["ChildInstanceId"] = h.ChildInstanceId;
        }

        if (h.FireAt is { } fireAt)
        {
            e["FireAtTicks"] = fireAt.Ticks;
        }

        PayloadColumns.Write(e, "Payload", h.Payload);
        PayloadColumns.Write(e, "Failure", h.Failure is null ? null : JsonSerializer.Serialize(h.Failure));
        return e;
    }

    private static HistoryEvent HistoryFromEntity(TableEntity e)
    {
        var failure = PayloadColumns.Read(e, "Failure");
        var fireAt = e.GetInt64("FireAtTicks");
        return new HistoryEvent(
            long.Parse(e.RowKey, CultureInfo.InvariantCulture),
            Enum.Parse<HistoryEventType>(e.GetString("EventType") ?? throw new InvalidDataException($"history row {e.PartitionKey}/{e.RowKey} has no EventType")),
            new DateTime(e.GetInt64("TimestampTicks") ?? 0, DateTimeKind.Utc),
            e.GetString("Name"),
            (int)(e.GetInt64("TaskId") ?? -1),
            PayloadColumns.Read(e, "Payload"),
            failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure),
            e.GetString("ChildInstanceId"),
            fireAt is null ? null : new DateTime(fireAt.Value, DateTimeKind.Utc));
    }
}
