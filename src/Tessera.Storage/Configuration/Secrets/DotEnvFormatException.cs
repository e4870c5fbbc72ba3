using Tessera.Core.Errors;

namespace Tessera.Storage.Configuration.Secrets;

/// <summary>A malformed .env line: names the file, the line and (when it could be read) the key; never the value.</summary>
public sealed class DotEnvFormatException : TesseraValidationException
{
    public DotEnvFormatException(string file, int line, string? key, string rule)
        : base(key ?? "line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture), "<not shown>", rule, $"{file}:{line}")
    {
        File = file;
        Line = line;
        Key = key;
    }

    public DotEnvFormatException()
        : this("unknown", 0, null, "malformed")
    {
    }

    public DotEnvFormatException(string message)
        : this("unknown", 0, null, message)
    {
    }

    public DotEnvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "unknown";
    }

    public string File { get; }

    public int Line { get; }

    public string? Key { get; }
}
