using System.Globalization;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Model;
using Tessera.Core.Errors;

namespace Tessera.Stream.Hosting;

/// <summary>
/// The container's settings, from the environment: TESSERA_TRADING_CONFIG (config/trading.yaml), TESSERA_TRADING_PROFILE,
/// TESSERA_BROKER and its keys (BrokerSelection: keys for the chosen broker only; alpaca-live needs
/// TESSERA_LIVE_CONFIRMED=true), TESSERA_STORAGE_CONNECTION_STRING (else AzureWebJobsStorage, else the managed
/// identity's AzureWebJobsStorage__blobServiceUri / __tableServiceUri / __clientId as infra/ sets them), PORT (8080),
/// TESSERA_STREAM_FEED (iex), TESSERA_STREAM_WATCH (comma-separated symbols to watch besides positions and stops),
/// TESSERA_STREAM_MEASURE_LAG (true; false when the broker's clock is not real time, as on a replaying local exchange),
/// TESSERA_STREAM_LOOPBACK (false; true binds 127.0.0.1 only instead of every interface).
/// </summary>
public sealed record StreamServiceSettings(string ConfigPath, string? Profile, AlpacaClientOptions Broker, string? StorageConnectionString, int Port, DataFeed Feed, IReadOnlyList<string> Watch)
{
    /// <summary>Storage reached with a managed identity instead of a connection string (Azure: shared keys are off).</summary>
    public StorageIdentity? StorageIdentity { get; init; }

    public bool MeasureLag { get; init; } = true;

    public bool LoopbackOnly { get; init; }

    public static StreamServiceSettings From(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var live = environment("TESSERA_LIVE_CONFIRMED") is { } l && (l == "1" || l.Equals("true", StringComparison.OrdinalIgnoreCase));
        var target = BrokerSelection.ResolveTarget(null, environment);
        var storage = environment("TESSERA_STORAGE_CONNECTION_STRING") is { Length: > 0 } s ? s
            : environment("AzureWebJobsStorage") is { Length: > 0 } w ? w
            : null;
        var identity = storage is null ? StorageIdentity.From(environment) : null;
        if (storage is null && identity is null)
        {
            throw new TesseraValidationException("TESSERA_STORAGE_CONNECTION_STRING", null, "a storage connection string is required (or AzureWebJobsStorage, or AzureWebJobsStorage__blobServiceUri and __tableServiceUri with a managed identity)");
        }

        var port = 8080;
        if (environment("PORT") is { Length: > 0 } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new TesseraValidationException("PORT", p, "an integer from 1 to 65535");
        }

        var feed = environment("TESSERA_STREAM_FEED") switch
        {
            null or "" or "iex" => DataFeed.Iex,
            "sip" => DataFeed.Sip,
            var f => throw new TesseraValidationException("TESSERA_STREAM_FEED", f, "iex or sip"),
        };
        var watch = (environment("TESSERA_STREAM_WATCH") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new StreamServiceSettings(
            environment("TESSERA_TRADING_CONFIG") is { Length: > 0 } c ? c : Path.Combine("config", "trading.yaml"),
            environment("TESSERA_TRADING_PROFILE") is { Length: > 0 } prof ? prof : null,
            BrokerSelection.Resolve(target, environment, live),
            storage,
            port,
            feed,
            watch)
        {
            StorageIdentity = identity,
            MeasureLag = Flag(environment, "TESSERA_STREAM_MEASURE_LAG", true),
            LoopbackOnly = Flag(environment, "TESSERA_STREAM_LOOPBACK", false),
        };
    }

    /// <summary>The account: by connection string, else by the managed identity (AzureWebJobsStorage__clientId names the user-assigned one).</summary>
    public Tessera.Storage.StorageAccount OpenStorage()
    {
        if (StorageConnectionString is { } connection)
        {
            return Tessera.Storage.StorageAccount.FromConnectionString(connection);
        }

        var id = StorageIdentity ?? throw new InvalidOperationException("no storage configured");
        Azure.Core.TokenCredential credential = id.ClientId is { } clientId
            ? new Azure.Identity.ManagedIdentityCredential(Azure.Identity.ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new Azure.Identity.ManagedIdentityCredential(Azure.Identity.ManagedIdentityId.SystemAssigned);
        return Tessera.Storage.StorageAccount.FromTokenCredential(id.BlobServiceUri, id.TableServiceUri, credential);
    }

    private static bool Flag(Func<string, string?> environment, string name, bool fallback) => environment(name) switch
    {
        null or "" => fallback,
        var v when v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var v when v == "0" || v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        var v => throw new TesseraValidationException(name, v, "must be true or false"),
    };
}

/// <summary>The identity-based storage settings (the same names the Functions host reads for AzureWebJobsStorage).</summary>
public sealed record StorageIdentity(Uri BlobServiceUri, Uri TableServiceUri, string? ClientId)
{
    public static StorageIdentity? From(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var blob = environment("AzureWebJobsStorage__blobServiceUri");
        var table = environment("AzureWebJobsStorage__tableServiceUri");
        if (string.IsNullOrWhiteSpace(blob) && string.IsNullOrWhiteSpace(table))
        {
            return null;
        }

        return new StorageIdentity(Endpoint("AzureWebJobsStorage__blobServiceUri", blob), Endpoint("AzureWebJobsStorage__tableServiceUri", table),
            environment("AzureWebJobsStorage__clientId") is { Length: > 0 } id ? id : null);
    }

    private static Uri Endpoint(string name, string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new TesseraValidationException(name, value, "must be the account's https:// service endpoint");
}
