using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Core;

namespace Tessera.Alpaca.Json;

/// <summary>
/// A position's "side" ("long" / "short" on Alpaca's wire) as Tessera's one position direction, <see cref="Side"/>.
/// Lenient: an unknown spelling reads as Flat (the signed qty still tells the direction).
/// </summary>
public sealed class PositionSideConverter : JsonConverter<Side>
{
    public override Side Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType != JsonTokenType.String ? Side.Flat : reader.GetString()?.ToLowerInvariant() switch
        {
            "long" => Side.Long,
            "short" => Side.Short,
            _ => Side.Flat,
        };

    public override void Write(Utf8JsonWriter writer, Side value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToLowerText());
    }
}
