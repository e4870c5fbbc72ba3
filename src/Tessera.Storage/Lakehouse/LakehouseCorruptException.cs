using Tessera.Core.Errors;

namespace Tessera.Storage.Lakehouse;

/// <summary>A lakehouse object failed an integrity check (magic, version, length, checksum or manifest SHA-256).</summary>
public sealed class LakehouseCorruptException : TesseraValidationException
{
    public LakehouseCorruptException(string objectName, string rule, string? value = null)
        : base("object", value, rule, objectName)
    {
        ObjectName = objectName;
    }

    public LakehouseCorruptException()
        : this("unknown", "corrupt")
    {
    }

    public LakehouseCorruptException(string message)
        : this("unknown", message)
    {
    }

    public LakehouseCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
        ObjectName = "unknown";
    }

    public string ObjectName { get; }
}
