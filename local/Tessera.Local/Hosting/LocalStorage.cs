using Tessera.Local.Cli;
using Tessera.Storage.Blobs;
using Tessera.Storage.Local;
using Tessera.Storage.Tables;

namespace Tessera.Local.Hosting;

/// <summary>
/// The storage the local host uses: TESSERA_STORAGE_CONNECTION_STRING (or --storage) when given, otherwise the
/// embedded default: the pinned Azurite started on free 127.0.0.1 ports, persisting under .local/azurite so runs
/// survive between commands, and stopped when this object is disposed.
/// </summary>
public sealed class LocalStorage : IAsyncDisposable
{
    public const string ConnectionStringVariable = "TESSERA_STORAGE_CONNECTION_STRING";

    private readonly AzuriteLauncher? _azurite;

    private LocalStorage(string connectionString, AzuriteLauncher? azurite, string description)
    {
        ConnectionString = connectionString;
        _azurite = azurite;
        Description = description;
        Blobs = new BlobStore(connectionString);
        Tables = new TableStore(connectionString);
    }

    /// <summary>Never printed: it may hold an account key.</summary>
    public string ConnectionString { get; }

    /// <summary>Safe to print: where the storage is, without credentials.</summary>
    public string Description { get; }

    public IBlobStore Blobs { get; }

    public ITableStore Tables { get; }

    public static async Task<LocalStorage> OpenAsync(CliContext context, string? explicitConnectionString, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var configured = explicitConnectionString ?? context.Env(ConnectionStringVariable);
        if (configured is not null)
        {
            return new LocalStorage(configured, null, "configured storage (" + ConnectionStringVariable + ")");
        }

        if (AzuriteLauncher.FindExecutable() is null)
        {
            throw new DependencyUnavailableException(
                "Azurite (the local storage emulator) is not installed. Run 'make run' or 'make test' (they install it), or 'npm ci' at the repository root; " +
                "or point " + ConnectionStringVariable + " at a running storage account / Azurite.");
        }

        var location = context.Env("TESSERA_LOCAL_DIR") is { } dir ? Path.Combine(dir, "azurite") : Path.Combine(Directory.GetCurrentDirectory(), ".local", "azurite");
        var azurite = await AzuriteLauncher.StartAsync(location, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new LocalStorage(azurite.ConnectionString, azurite, $"embedded Azurite on 127.0.0.1 (blob {azurite.BlobPort}, table {azurite.TablePort}), data in {location}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
    }
}
