namespace Tessera.Orchestrations.Artifacts;

/// <summary>
/// A text field for CSV artifacts: RFC 4180 quoting when it holds a comma, quote or line break, and a leading
/// apostrophe when it starts like a spreadsheet formula (=, +, -, @, tab, CR), because sector names and other
/// metadata come from imported files and the CSV may be opened in a spreadsheet.
/// </summary>
public static class CsvText
{
    public static string Field(string? text)
    {
        var value = text ?? string.Empty;
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
