using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Alpaca.Json;

/// <summary>
/// The serializer settings of every Alpaca REST model: unknown fields ignored, missing optional fields null,
/// decimals as strings, nanosecond timestamps, lenient enums, numbers accepted as strings for integer fields.
/// </summary>
public static class AlpacaJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = 32,
        };
        options.Converters.Add(new DecimalConverter());
        options.Converters.Add(new NullableDecimalConverter());
        options.Converters.Add(new TimestampConverter());
        options.Converters.Add(new NullableTimestampConverter());
        options.Converters.Add(new WireEnumConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
