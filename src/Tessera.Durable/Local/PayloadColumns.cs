using Tessera.Storage.Tables;

namespace Tessera.Durable.Local;

/// <summary>
/// Stores a string payload over several Table properties (<c>X</c>, <c>X_1</c>, ... plus <c>XChunks</c>) so one
/// payload can exceed the 64 KiB limit of a single string property; see <see cref="DurableLimits"/>.
/// </summary>
internal static class PayloadColumns
{
    public static void Write(TableEntity entity, string column, string? value)
    {
        if (value is null)
        {
            entity[column + "Chunks"] = 0;
            return;
        }

        if (value.Length > DurableLimits.MaxPayloadChars)
        {
            throw new PayloadTooLargeException(column, value.Length, DurableLimits.MaxPayloadChars);
        }

        var chunks = Math.Max(1, (value.Length + DurableLimits.PayloadChunkChars - 1) / DurableLimits.PayloadChunkChars);
        entity[column + "Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            var start = i * DurableLimits.PayloadChunkChars;
            var length = Math.Min(DurableLimits.PayloadChunkChars, value.Length - start);
            entity[Name(column, i)] = value.Substring(start, length);
        }
    }

    public static string? Read(TableEntity entity, string column)
    {
        var chunks = (int)(entity.GetInt64(column + "Chunks") ?? 0);
        if (chunks == 0)
        {
            return null;
        }

        if (chunks == 1)
        {
            return entity.GetString(column) ?? string.Empty;
        }

        var parts = new string[chunks];
        for (var i = 0; i < chunks; i++)
        {
            parts[i] = entity.GetString(Name(column, i))
                ?? throw new InvalidDataException($"entity {entity.PartitionKey}/{entity.RowKey} misses chunk {i} of {column}");
        }

        return string.Concat(parts);
    }

    private static string Name(string column, int index) =>
        index == 0 ? column : column + "_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
