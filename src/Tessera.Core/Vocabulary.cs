using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Core;

/// <summary>
/// A word of a closed vocabulary (an optimizer, a choice policy, a synthesis logic, a universe source): parsed once at
/// the edge into this type, written back as exactly the text it was parsed from (<see cref="object.ToString"/>), so
/// profiles, run manifests, durable history and reports keep their bytes while code compares types, not strings.
/// </summary>
public interface IVocabulary<TSelf>
    where TSelf : class, IVocabulary<TSelf>
{
    /// <summary>The field a bad value is reported under when no better name is known (e.g. when reading JSON).</summary>
    static abstract string Field { get; }

    /// <summary>The word, or a <see cref="Errors.TesseraValidationException"/> naming <paramref name="field"/>, the value and the rule.</summary>
    static abstract TSelf Parse(string? text, string field);
}

/// <summary>
/// JSON form of an <see cref="IVocabulary{TSelf}"/> word: a string, whatever the serializer options (naming policies
/// and enum converters do not apply to it), so every host's serializer round-trips it.
/// </summary>
public sealed class VocabularyJsonConverter<T> : JsonConverter<T>
    where T : class, IVocabulary<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? T.Parse(reader.GetString(), T.Field)
            : throw new JsonException($"{T.Field} must be a JSON string");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
