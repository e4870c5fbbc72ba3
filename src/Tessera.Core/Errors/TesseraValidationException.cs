namespace Tessera.Core.Errors;

/// <summary>
/// Bad input, named precisely: which field, which value, which rule it broke (and where, when a
/// location such as file:line is known). Every input-validation failure in Tessera uses this type
/// (or a subclass) so hosts can map it to exit code 2 / HTTP 400 without parsing messages.
/// </summary>
public class TesseraValidationException : Exception
{
    public TesseraValidationException(string field, string? value, string rule, string? location = null)
        : base(Format(field, value, rule, location))
    {
        Field = field;
        Value = value;
        Rule = rule;
        Location = location;
    }

    public TesseraValidationException()
        : this("unknown", null, "unspecified")
    {
    }

    public TesseraValidationException(string message)
        : this("unknown", null, message)
    {
    }

    public TesseraValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "unknown";
        Rule = message;
    }

    public string Field { get; }

    public string? Value { get; }

    public string Rule { get; }

    public string? Location { get; }

    private static string Format(string field, string? value, string rule, string? location)
    {
        var where = location is null ? string.Empty : location + ": ";
        var shown = value is null ? "<missing>" : Truncate(value);
        return $"{where}field '{field}' = {shown} violates rule: {rule}";
    }

    // Values can be hostile (huge payloads); never echo more than a short prefix.
    private static string Truncate(string value) =>
        value.Length <= 80 ? "'" + value + "'" : "'" + value[..77] + "...'";
}
