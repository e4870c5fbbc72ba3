using System.CommandLine;

namespace Tessera.Local.Cli;

/// <summary>
/// --storage-env NAME: the environment variable that holds the storage connection string (default
/// TESSERA_STORAGE_CONNECTION_STRING; without it, the embedded Azurite under .local/). The connection string
/// itself is never an argument: arguments show up in process lists and shell history, and it holds a key.
/// </summary>
public static class StorageOption
{
    public static Option<string?> Create() => new("--storage-env")
    {
        Description = "Name of the environment variable holding the storage connection string (default TESSERA_STORAGE_CONNECTION_STRING; unset = embedded Azurite under .local/)",
    };
}
