using System.Text.Json.Serialization;
using Tessera.Core.Errors;
using Tessera.Core.Strategies;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// The logic a life-cycle atom earns its asset's return by: <see cref="Hold"/> (every day) or a strategy of the
/// library (<see cref="StrategyRegistry.Default"/>, while the strategy holds a position in the atom's direction).
/// Parsed once from a profile (<see cref="Parse"/>: an unknown name is a typed error listing the known ones); written
/// back exactly as it was spelled, which is also how it appears in atom names ("SYMBOL|logic|DIRECTION").
/// </summary>
[JsonConverter(typeof(VocabularyJsonConverter<AtomLogic>))]
public sealed class AtomLogic : IVocabulary<AtomLogic>, IEquatable<AtomLogic>
{
    public const string HoldName = "hold";

    private AtomLogic(string name, bool isHold)
    {
        Name = name;
        IsHold = isHold;
    }

    /// <summary>Holding the asset in the atom's direction every day (the stream is the normalized asset return).</summary>
    public static AtomLogic Hold { get; } = new(HoldName, isHold: true);

    public static string Field => "synthesis.logics";

    /// <summary>"hold" or the strategy's registry name as written in the profile.</summary>
    public string Name { get; }

    /// <summary>True for <see cref="Hold"/>; false for a strategy logic.</summary>
    public bool IsHold { get; }

    /// <summary>The names a logic may have now: hold, then the library's strategies in ordinal order.</summary>
    public static IReadOnlyList<string> KnownNames => [HoldName, .. StrategyRegistry.Default.Names.Order(StringComparer.Ordinal)];

    /// <summary>"hold" or a name the strategy library knows (its registry compares names case-insensitively).</summary>
    public static bool TryParse(string? text, out AtomLogic logic)
    {
        if (text == HoldName)
        {
            logic = Hold;
            return true;
        }

        if (!string.IsNullOrWhiteSpace(text) && StrategyRegistry.Default.Contains(text))
        {
            logic = new AtomLogic(text, isHold: false);
            return true;
        }

        logic = Hold;
        return false;
    }

    public static AtomLogic Parse(string? text, string field) =>
        TryParse(text, out var logic) ? logic : throw new TesseraValidationException(field, text, "unknown logic; known: " + string.Join(", ", KnownNames));

    public override string ToString() => Name;

    public bool Equals(AtomLogic? other) => other is not null && string.Equals(other.Name, Name, StringComparison.Ordinal) && other.IsHold == IsHold;

    public override bool Equals(object? obj) => Equals(obj as AtomLogic);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);
}
