using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Alpaca.Model;

namespace Tessera.Alpaca.Json;

/// <summary>decimal from a JSON string or number; empty string reads as 0 only where the field is not nullable.</summary>
internal sealed class DecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NullableDecimalConverter.ReadValue(ref reader) ?? 0m;

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(AlpacaDecimal.Format(value));
}

/// <summary>decimal? from a string, a number, null or "" (null); anything else is a protocol error naming the path.</summary>
internal sealed class NullableDecimalConverter : JsonConverter<decimal?>
{
    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteStringValue(AlpacaDecimal.Format(v));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    internal static decimal? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                if (reader.TryGetDecimal(out var n))
                {
                    return n;
                }

                throw new JsonException("number out of decimal range");
            case JsonTokenType.String:
                ReadOnlySpan<byte> span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
                if (span.IsEmpty)
                {
                    return null;
                }

                if (AlpacaDecimal.TryParse(span, out var s))
                {
                    return s;
                }

                throw new JsonException("not a decimal");
            default:
                throw new JsonException($"expected a decimal, got {reader.TokenType}");
        }
    }
}

internal sealed class TimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NullableTimestampConverter.ReadValue(ref reader) ?? default;

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Rfc3339.Format(value));
}

internal sealed class NullableTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteStringValue(Rfc3339.Format(v));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    internal static DateTimeOffset? ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a timestamp string, got {reader.TokenType}");
        }

        var text = reader.GetString();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Rfc3339.TryParse(text, out var v) ? v : throw new JsonException("not an RFC 3339 timestamp");
    }
}

/// <summary>Lenient enum reading through <see cref="Wire{T}"/>: unknown spellings become Unknown instead of failing the response.</summary>
internal sealed class WireEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Wire<T>.Parse(reader.GetString()) : default;

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Wire<T>.Name(value));
}

internal sealed class WireEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsEnum && typeToConvert.Namespace == typeof(OrderSide).Namespace;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(WireEnumConverter<>).MakeGenericType(typeToConvert))!;
}
