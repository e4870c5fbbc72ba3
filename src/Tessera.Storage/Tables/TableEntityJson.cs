using System.Globalization;
using System.Text.Json;
using Tessera.Core.Errors;

namespace Tessera.Storage.Tables;

/// <summary>
/// Entity JSON in the OData form the Table service speaks: plain JSON for string, bool, Int32 and, on
/// writes, a "Name@odata.type" annotation for Edm.Int64, Edm.Double, Edm.DateTime, Edm.Guid and
/// Edm.Binary so every supported CLR type (string, int, long, double, bool, DateTimeOffset, Guid, byte[])
/// reads back as the same type and value. Null properties are not sent (Table has no null; a read returns absent = null).
/// </summary>
public static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";

    public static byte[] Serialize(TableEntity entity, bool includeKeys)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (includeKeys)
            {
                writer.WriteString("PartitionKey", entity.PartitionKey);
                writer.WriteString("RowKey", entity.RowKey);
            }

            foreach (var (name, value) in entity.Properties)
            {
                ValidatePropertyName(name);
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static TableEntity Deserialize(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("table entity JSON must be an object");
        }

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith(TypeSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                types[property.Name[..^TypeSuffix.Length]] = property.Value.GetString()!;
            }
        }

        var pk = element.TryGetProperty("PartitionKey", out var p) ? p.GetString() ?? string.Empty : string.Empty;
        var rk = element.TryGetProperty("RowKey", out var r) ? r.GetString() ?? string.Empty : string.Empty;
        var entity = new TableEntity(pk, rk);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal))
            {
                if (name == "odata.etag")
                {
                    entity.ETag = property.Value.GetString();
                }

                continue;
            }

            var value = ReadValue(name, property.Value, types.GetValueOrDefault(name));
            if (name == "Timestamp")
            {
                entity.Timestamp = value as DateTimeOffset? ?? (value is string s ? ParseDateTime(name, s) : null);
                continue;
            }

            entity.Properties[name] = value;
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                writer.WriteString(name, s);
                return;
            case bool b:
                writer.WriteBoolean(name, b);
                return;
            case int i:
                writer.WriteNumber(name, i);
                return;
            case long l:
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                return;
            case double d:
                WriteDouble(writer, name, d);
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                return;
            case DateTimeOffset dto:
                writer.WriteString(name, FormatDateTime(dto));
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                return;
            case Guid g:
                writer.WriteString(name, g.ToString("D"));
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                return;
            case byte[] bytes:
                writer.WriteString(name, Convert.ToBase64String(bytes));
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                return;
            default:
                throw new TesseraValidationException(name, value.GetType().Name,
                    "table property values must be string, int, long, double, bool, DateTimeOffset, Guid, byte[] or null");
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, string name, double d)
    {
        if (double.IsNaN(d))
        {
            writer.WriteString(name, "NaN");
        }
        else if (double.IsPositiveInfinity(d))
        {
            writer.WriteString(name, "Infinity");
        }
        else if (double.IsNegativeInfinity(d))
        {
            writer.WriteString(name, "-Infinity");
        }
        else
        {
            // "R" is the shortest text that parses back to the same double. Integral values get ".0" so a
            // reader that ignores the annotation still sees a double, not an Int32.
            var text = d.ToString("R", CultureInfo.InvariantCulture);
            if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
            {
                text += ".0";
            }

            writer.WritePropertyName(name);
            writer.WriteRawValue(text, skipInputValidation: false);
        }
    }

    private static object? ReadValue(string name, JsonElement value, string? edmType)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (edmType)
        {
            case "Edm.Int64":
                return value.ValueKind == JsonValueKind.Number ? value.GetInt64() : long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            case "Edm.Int32":
                return value.ValueKind == JsonValueKind.Number ? value.GetInt32() : int.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            case "Edm.Double":
                return ReadDouble(name, value);
            case "Edm.DateTime":
                return ParseDateTime(name, value.GetString()!);
            case "Edm.Guid":
                return Guid.Parse(value.GetString()!);
            case "Edm.Binary":
                return Convert.FromBase64String(value.GetString()!);
            case "Edm.Boolean":
                return value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean();
            case "Edm.String":
                return value.GetString();
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => IsIntegralText(value.GetRawText()) && value.TryGetInt32(out var i) ? (object)i : ReadDouble(name, value),
            _ => throw new FormatException($"table property '{name}' has unsupported JSON kind {value.ValueKind}"),
        };
    }

    private static double ReadDouble(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }

        return value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" or "INF" => double.PositiveInfinity,
            "-Infinity" or "-INF" => double.NegativeInfinity,
            var s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            var s => throw new FormatException($"table property '{name}' has Edm.Double value '{s}'"),
        };
    }

    private static bool IsIntegralText(string raw) =>
        !raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.Ordinal) && !raw.Contains('E', StringComparison.Ordinal);

    /// <summary>Edm.DateTime is UTC with 100 ns resolution: seven fractional digits keep every tick.</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseDateTime(string name, string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto)
            ? dto
            : throw new FormatException($"table property '{name}' has Edm.DateTime value '{text}'");

    private static void ValidatePropertyName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 255 || name is "PartitionKey" or "RowKey" or "Timestamp" || name.Contains('@', StringComparison.Ordinal) || name.StartsWith("odata.", StringComparison.Ordinal))
        {
            throw new TesseraValidationException("property name", name, "must be 1-255 chars, not PartitionKey/RowKey/Timestamp, without '@' or 'odata.' prefix");
        }

        if (char.IsDigit(name[0]))
        {
            throw new TesseraValidationException("property name", name, "must not start with a digit");
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                throw new TesseraValidationException("property name", name, "must be a C# identifier (letters, digits, '_')");
            }
        }
    }
}
