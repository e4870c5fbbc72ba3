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
    public const string ConnectionStringVariable = Tessera.Core.Secrets.TesseraSecrets.StorageConnectionString;

    private readonly AzuriteLauncher? _azurite;
    private readonly string? _lockPath;

    private LocalStorage(string connectionString, AzuriteLauncher? azurite, string? lockPath, string description, string dataFolder)
    {
        DataFolder = dataFolder;
        _lockPath = lockPath;
        ConnectionString = connectionString;
        _azurite = azurite;
        Description = description;
        Blobs = new BlobStore(connectionString);
        Tables = new TableStore(connectionString);
    }

    /// <summary>The host's own data folder (TESSERA_LOCAL_DIR, default ./.local): the run journal, the API key, run copies.</summary>
    public string DataFolder { get; }

    /// <summary>The embedded emulator that served this data folder before died without saving (see AzuriteLauncher).</summary>
    public bool PreviousStopWasUnclean => _azurite?.PreviousStopWasUnclean ?? false;

    /// <summary>Never printed: it may hold an account key.</summary>
    public string ConnectionString { get; }

    /// <summary>Safe to print: where the storage is, without credentials.</summary>
    public string Description { get; }

    public IBlobStore Blobs { get; }

    public ITableStore Tables { get; }

    /// <summary>
    /// Opens the configured storage, or the embedded default. The embedded Azurite has one owner process at a
    /// time (a lock file under .local records its pid and ports): a second <paramref name="readOnly"/> caller
    /// (e.g. <c>tessera status</c>) connects to the owner's Azurite; a second writer is refused, because two
    /// local engines on one store would both resume the same runs.
    /// </summary>
    /// <param name="connectionStringVariable">the --storage-env value: which environment variable holds the connection string (null = the default one).</param>
    public static async Task<LocalStorage> OpenAsync(CliContext context, string? connectionStringVariable, CancellationToken cancellationToken, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var variable = connectionStringVariable ?? ConnectionStringVariable;
        var configured = context.Env(variable);
        if (configured is null && connectionStringVariable is not null)
        {
            throw new Tessera.Core.Errors.TesseraValidationException("--storage-env", connectionStringVariable, "names an environment variable that is not set");
        }

        var localDir = context.Env("TESSERA_LOCAL_DIR") ?? Path.Combine(Directory.GetCurrentDirectory(), ".local");
        if (configured is not null)
        {
            return new LocalStorage(configured, null, null, "configured storage ($" + variable + ")", localDir);
        }

        var location = Path.Combine(localDir, "azurite");
        var lockPath = Path.Combine(localDir, "embedded-storage.lock");
        if (!readOnly)
        {
            OwnerOnlyFolder.Ensure(localDir);
            OwnerOnlyFolder.Ensure(location);
        }

        if (EmbeddedStorageLock.TryReadLive(lockPath) is { } owner)
        {
            if (!readOnly)
            {
                throw InUse(localDir, owner.ProcessId);
            }

            return new LocalStorage(owner.ConnectionString, null, null, $"embedded Azurite of pid {owner.ProcessId} (blob {owner.BlobPort}, table {owner.TablePort})", localDir);
        }

        if (AzuriteLauncher.FindExecutable() is null)
        {
            throw new DependencyUnavailableException(
                "Azurite (the local storage emulator) is not installed. Run 'make run' or 'make test' (they install it), or 'npm ci' at the repository root; " +
                "or point " + ConnectionStringVariable + " at a running storage account / Azurite.");
        }

        if (!EmbeddedStorageLock.TryClaim(lockPath))
        {
            throw InUse(localDir, EmbeddedStorageLock.ReadProcessId(lockPath));
        }

        try
        {
            var azurite = await AzuriteLauncher.StartAsync(location, cancellationToken: cancellationToken).ConfigureAwait(false);
            EmbeddedStorageLock.Publish(lockPath, azurite);
            return new LocalStorage(azurite.ConnectionString, azurite, lockPath, $"embedded Azurite on 127.0.0.1 (blob {azurite.BlobPort}, queue {azurite.QueuePort}, table {azurite.TablePort}), data in {location}", localDir);
        }
        catch
        {
            File.Delete(lockPath);
            throw;
        }
    }

    private static DependencyUnavailableException InUse(string localDir, int pid) => new(
        $"the embedded storage in {localDir} is in use by another tessera process (pid {pid}). " +
        "Stop it, or use its HTTP API, or run with a different TESSERA_LOCAL_DIR.");

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }

        if (_lockPath is not null)
        {
            File.Delete(_lockPath);
        }
    }
}
