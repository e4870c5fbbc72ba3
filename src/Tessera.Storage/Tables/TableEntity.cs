namespace Tessera.Storage.Tables;

/// <summary>
/// A Table storage entity. Property values may be string, int, long, double, bool, DateTimeOffset,
/// Guid, byte[] or null; they round-trip with their EDM types (Edm.Int64, Edm.DateTime, ...).
/// </summary>
public sealed class TableEntity
{
    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>Set by reads and writes; used for If-Match.</summary>
    public string? ETag { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public Dictionary<string, object?> Properties { get; } = new(StringComparer.Ordinal);

    public object? this[string name]
    {
        get => Properties.TryGetValue(name, out var v) ? v : null;
        set => Properties[name] = value;
    }

    public string? GetString(string name) => this[name] as string;

    public long? GetInt64(string name) => this[name] switch
    {
        long l => l,
        int i => i,
        _ => null,
    };

    public double? GetDouble(string name) => this[name] switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => null,
    };

    public bool? GetBoolean(string name) => this[name] as bool?;

    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] as DateTimeOffset?;

    public int? GetInt32(string name) => this[name] as int?;

    public Guid? GetGuid(string name) => this[name] as Guid?;

    public byte[]? GetBinary(string name) => this[name] as byte[];
}

public sealed record TableQueryPage(IReadOnlyList<TableEntity> Items, TableContinuation? Continuation);

/// <summary>Continuation token from x-ms-continuation-NextPartitionKey / NextRowKey.</summary>
public sealed record TableContinuation(string? NextPartitionKey, string? NextRowKey);
