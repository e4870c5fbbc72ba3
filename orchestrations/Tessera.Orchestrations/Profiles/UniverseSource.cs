using System.Text.Json.Serialization;
using Tessera.Core;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Profiles;

/// <summary>
/// Where a profile's universe comes from: the deterministic <see cref="Synthetic"/> market or the
/// <see cref="Lakehouse"/> (a snapshot pinned when the run starts). Written "synthetic" / "lakehouse".
/// </summary>
[JsonConverter(typeof(VocabularyJsonConverter<UniverseSource>))]
public sealed class UniverseSource : IVocabulary<UniverseSource>
{
    private UniverseSource(string name) => Name = name;

    public static UniverseSource Synthetic { get; } = new("synthetic");

    public static UniverseSource Lakehouse { get; } = new("lakehouse");

    public static string Field => "universe.source";

    public string Name { get; }

    /// <summary>Exactly "synthetic" or "lakehouse".</summary>
    public static bool TryParse(string? text, out UniverseSource source)
    {
        source = text == Lakehouse.Name ? Lakehouse : Synthetic;
        return text == Synthetic.Name || text == Lakehouse.Name;
    }

    public static UniverseSource Parse(string? text, string field) =>
        TryParse(text, out var source) ? source : throw new TesseraValidationException(field, text, "must be 'synthetic' or 'lakehouse'");

    public override string ToString() => Name;
}
