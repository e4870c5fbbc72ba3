namespace Tessera.Trading.Configuration;

/// <summary>
/// The minimal YAML tree the trading configuration binds from: built by <see cref="BoundedYamlReader"/> from the
/// parser's event stream (never YamlDotNet's recursive representation model), so its depth is known to be bounded.
/// </summary>
public abstract record YamlNode(int Line);

/// <summary>A scalar; <see cref="Plain"/> is false for quoted and block scalars (those are always strings).</summary>
public sealed record YamlScalar(int Line, string Value, bool Plain) : YamlNode(Line);

/// <summary>A mapping with string keys in document order (duplicates are rejected while reading).</summary>
public sealed record YamlMapping(int Line, IReadOnlyList<KeyValuePair<string, YamlNode>> Entries) : YamlNode(Line);

public sealed record YamlSequence(int Line, IReadOnlyList<YamlNode> Items) : YamlNode(Line);
