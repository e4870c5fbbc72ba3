using Tessera.Storage.Local;
using Tessera.Storage.Pipeline;

namespace Tessera.Storage.Configuration;

/// <summary>
/// A parsed storage connection string: the account, its Shared Key and the Blob and Table endpoints.
/// Supports <c>UseDevelopmentStorage=true</c> (Azurite on its default ports, path-style), account strings
/// with <c>DefaultEndpointsProtocol</c>/<c>EndpointSuffix</c>, and explicit <c>BlobEndpoint</c>/<c>TableEndpoint</c>.
/// The key is kept as bytes and never appears in <see cref="ToString"/> or in any error message.
/// </summary>
public sealed class StorageConnectionString
{
    private const string DevelopmentBlobEndpoint = "http://127.0.0.1:10000/" + AzuriteLauncher.DevAccountName;
    private const string DevelopmentTableEndpoint = "http://127.0.0.1:10002/" + AzuriteLauncher.DevAccountName;

    // Keys whose values must never be shown, even partially.
    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase) { "AccountKey", "SharedAccessSignature" };

    private static readonly HashSet<string> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "UseDevelopmentStorage", "DevelopmentStorageProxyUri", "DefaultEndpointsProtocol", "AccountName", "AccountKey",
        "EndpointSuffix", "BlobEndpoint", "TableEndpoint", "QueueEndpoint", "FileEndpoint", "SharedAccessSignature",
        "BlobSecondaryEndpoint", "TableSecondaryEndpoint", "QueueSecondaryEndpoint", "FileSecondaryEndpoint",
    };

    private StorageConnectionString(SharedKeyCredential credential, Uri blobEndpoint, Uri tableEndpoint)
    {
        Credential = credential;
        BlobEndpoint = blobEndpoint;
        TableEndpoint = tableEndpoint;
    }

    public SharedKeyCredential Credential { get; }

    public string AccountName => Credential.AccountName;

    /// <summary>Blob service root, e.g. https://acct.blob.core.windows.net or http://127.0.0.1:10000/devstoreaccount1.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>Table service root, e.g. https://acct.table.core.windows.net or http://127.0.0.1:10002/devstoreaccount1.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>The Azurite development account on its default ports (what <c>UseDevelopmentStorage=true</c> means).</summary>
    public static StorageConnectionString Development { get; } = new(
        new SharedKeyCredential(AzuriteLauncher.DevAccountName, Convert.FromBase64String(AzuriteLauncher.DevAccountKey)),
        new Uri(DevelopmentBlobEndpoint),
        new Uri(DevelopmentTableEndpoint));

    public static StorageConnectionString Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StorageConfigurationException("ConnectionString", null, "must not be empty");
        }

        var settings = ParsePairs(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev))
        {
            if (!string.Equals(dev, "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageConfigurationException("UseDevelopmentStorage", dev, "must be 'true' when present");
            }

            if (settings.ContainsKey("DevelopmentStorageProxyUri"))
            {
                throw new StorageConfigurationException("DevelopmentStorageProxyUri", null, "is not supported; use explicit BlobEndpoint/TableEndpoint instead");
            }

            return Development;
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new StorageConfigurationException("SharedAccessSignature", null, "is not supported; use AccountName + AccountKey, or a TokenCredential (managed identity)");
        }

        var account = Require(settings, "AccountName");
        if (!IsValidAccountName(account))
        {
            throw new StorageConfigurationException("AccountName", account, "must be 1-64 letters or digits");
        }

        var keyText = Require(settings, "AccountKey");
        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyText);
        }
        catch (FormatException)
        {
            // Deliberately no value and no inner exception: both could leak the key.
            throw new StorageConfigurationException("AccountKey", null, "must be valid base64 (value not shown)");
        }

        if (key.Length == 0)
        {
            throw new StorageConfigurationException("AccountKey", null, "must not be empty");
        }

        var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var p) ? p : "https";
        if (!string.Equals(protocol, "https", StringComparison.OrdinalIgnoreCase) && !string.Equals(protocol, "http", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageConfigurationException("DefaultEndpointsProtocol", protocol, "must be 'http' or 'https'");
        }

        var suffix = settings.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";
        if (suffix.Length == 0 || suffix.Contains('/', StringComparison.Ordinal) || Uri.CheckHostName(suffix) == UriHostNameType.Unknown)
        {
            throw new StorageConfigurationException("EndpointSuffix", suffix, "must be a DNS suffix such as core.windows.net");
        }

        var blob = Endpoint(settings, "BlobEndpoint", protocol, account, "blob", suffix);
        var table = Endpoint(settings, "TableEndpoint", protocol, account, "table", suffix);
        return new StorageConnectionString(new SharedKeyCredential(account, key), blob, table);
    }

    public override string ToString() => $"AccountName={AccountName};BlobEndpoint={BlobEndpoint};TableEndpoint={TableEndpoint};AccountKey=<hidden>";

    private static Dictionary<string, string> ParsePairs(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var rawSegment in connectionString.Split(';'))
        {
            index++;
            var segment = rawSegment.Trim();
            if (segment.Length == 0)
            {
                continue;
            }

            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                // Do not echo the segment: it could be a pasted key.
                throw new StorageConfigurationException($"segment {index}", null, "must have the form Key=Value (segment not shown)");
            }

            var name = segment[..eq].Trim();
            var value = segment[(eq + 1)..].Trim();
            if (!KnownKeys.Contains(name))
            {
                // Show the name only when it looks like a key name; a pasted key fragment must not be echoed.
                var shownName = name.Length <= 32 && name.All(char.IsAsciiLetter) ? name : $"segment {index}";
                throw new StorageConfigurationException(shownName, null, "is not a known storage connection string key");
            }

            if (!settings.TryAdd(name, value))
            {
                throw new StorageConfigurationException(name, null, "appears more than once");
            }

            if (value.Length == 0 && !SecretKeys.Contains(name))
            {
                throw new StorageConfigurationException(name, null, "must not be empty");
            }
        }

        return settings;
    }

    private static string Require(Dictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new StorageConfigurationException(key, null, "is required (or use UseDevelopmentStorage=true)");

    private static Uri Endpoint(Dictionary<string, string> settings, string key, string protocol, string account, string service, string suffix)
    {
        if (!settings.TryGetValue(key, out var explicitEndpoint))
        {
            return new Uri($"{protocol.ToLowerInvariant()}://{account}.{service}.{suffix}");
        }

        if (!Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new StorageConfigurationException(key, explicitEndpoint, "must be an absolute http(s) URI");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new StorageConfigurationException(key, uri.GetLeftPart(UriPartial.Path), "must not carry a query or fragment");
        }

        return ServiceEndpoint.Normalize(uri);
    }

    private static bool IsValidAccountName(string account)
    {
        if (account.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in account)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
