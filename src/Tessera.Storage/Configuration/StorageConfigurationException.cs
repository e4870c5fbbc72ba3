using Tessera.Core.Errors;

namespace Tessera.Storage.Configuration;

/// <summary>
/// A storage connection string or endpoint is malformed. Names the offending key and the rule; the value is
/// only echoed for keys that are not secret (never for AccountKey or SharedAccessSignature).
/// </summary>
public sealed class StorageConfigurationException : TesseraValidationException
{
    public StorageConfigurationException(string field, string? shownValue, string rule)
        : base(field, shownValue, rule, "storage connection string")
    {
    }
}
