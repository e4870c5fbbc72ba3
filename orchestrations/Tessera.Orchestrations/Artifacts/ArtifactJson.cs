using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Orchestrations.Artifacts;

/// <summary>The one JSON format of run artifacts: snake_case, indented, doubles round-trip exactly.</summary>
public static class ArtifactJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
