using System.Text.Json;

namespace Tessera.Durable;

/// <summary>The JSON settings of payloads (inputs, outputs, events, custom status).</summary>
public static class DurableJson
{
    public static JsonSerializerOptions DefaultOptions { get; } = new(JsonSerializerDefaults.General);

    internal static string? Serialize(object? value, JsonSerializerOptions options) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), options);

    internal static T? Deserialize<T>(string? json, JsonSerializerOptions options) =>
        json is null ? default : JsonSerializer.Deserialize<T>(json, options);
}
