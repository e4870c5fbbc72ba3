using Tessera.Core.Errors;

namespace Tessera.Core.Data.Import;

/// <summary>An import failed: names the source file, the 1-based line (0 for file-level problems), the field and the rule.</summary>
public class DataImportException : TesseraValidationException
{
    public DataImportException(string source, long line, string field, string? value, string rule)
        : base(field, value, rule, line > 0 ? $"{source}:{line}" : source)
    {
        FileName = source;
        Line = line;
    }

    public DataImportException()
        : this("unknown", 0, "unknown", null, "unspecified")
    {
    }

    public DataImportException(string message)
        : this("unknown", 0, "unknown", null, message)
    {
    }

    public DataImportException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = "unknown";
    }

    /// <summary>File name (or other label) of the input.</summary>
    public string FileName { get; }

    public long Line { get; }
}
