using Tessera.Core.Errors;

namespace Tessera.Trading.Configuration;

/// <summary>
/// The bounds of one kind of YAML file read by <see cref="BoundedYamlReader"/>: its size in UTF-8 bytes, its nesting
/// depth, the words errors use for it ("a sleeve profile") and the typed error it raises (a
/// <see cref="TesseraValidationException"/> or a subclass; arguments: field, value, rule, location).
/// </summary>
public sealed record YamlLimits(int MaxBytes, int MaxDepth, string Kind, Func<string, string?, string, string?, TesseraValidationException> Error)
{
    /// <summary>A configuration file of <paramref name="kind"/> with the trading configuration's bounds (64 KiB, 32 levels), raising <see cref="TesseraValidationException"/>.</summary>
    public static YamlLimits Configuration(string kind) =>
        new(BoundedYamlReader.MaxBytes, BoundedYamlReader.MaxDepth, kind, (field, value, rule, location) => new TesseraValidationException(field, value, rule, location));
}
