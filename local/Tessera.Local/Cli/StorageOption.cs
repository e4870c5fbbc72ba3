using System.CommandLine;

namespace Tessera.Local.Cli;

/// <summary>--storage: a storage connection string; default TESSERA_STORAGE_CONNECTION_STRING, else embedded Azurite.</summary>
public static class StorageOption
{
    public static Option<string?> Create() => new("--storage")
    {
        Description = "Storage connection string (default: $TESSERA_STORAGE_CONNECTION_STRING, else the embedded Azurite under .local/)",
    };
}
