using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Tessera.Core.Secrets;

namespace Tessera.Storage.Configuration.Secrets;

/// <summary>
/// Reads Tessera's named secrets (<see cref="TesseraSecrets.All"/>) from Key Vault, each under its derived name
/// (<see cref="TesseraSecrets.KeyVaultName"/>). A secret the vault does not hold (404) is simply absent; any other
/// failure (no permission, vault unreachable) is a <see cref="SecretSourceUnavailableException"/> naming the vault
/// and the secret, never a value. Only the names asked for are read: the vault is not listed.
/// </summary>
public sealed class KeyVaultSecretSource
{
    private readonly SecretClient _client;

    public KeyVaultSecretSource(SecretClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    public Uri VaultUri => _client.VaultUri;

    /// <summary>
    /// The client for a vault URI with the process's Azure identity: the managed identity in Azure (AZURE_CLIENT_ID
    /// names the user-assigned one), a developer's az / azd login locally. Interactive prompts are never used.
    /// </summary>
    public static KeyVaultSecretSource ForVault(string vaultUri, TokenCredential? credential = null, SecretClientOptions? options = null)
    {
        if (!Uri.TryCreate(vaultUri, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query))
        {
            throw new Tessera.Core.Errors.TesseraValidationException(TesseraSecrets.KeyVaultUriVariable, vaultUri, "must be the vault's https:// URI (https://NAME.vault.azure.net/)");
        }

        options ??= new SecretClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        return new KeyVaultSecretSource(new SecretClient(uri, credential ?? new DefaultAzureCredential(), options));
    }

    /// <summary>The value of each requested variable the vault holds; absent ones are left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(IEnumerable<string> variables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            var name = TesseraSecrets.KeyVaultName(variable);
            try
            {
                var secret = await _client.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (secret.Value.Value is { } value)
                {
                    found[variable] = value;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Not in the vault: absent, like an unset variable.
            }
            catch (RequestFailedException e)
            {
                throw new SecretSourceUnavailableException(VaultUri, name, $"HTTP {e.Status} {e.ErrorCode}".TrimEnd(), e);
            }
            catch (AuthenticationFailedException e)
            {
                throw new SecretSourceUnavailableException(VaultUri, name, "no Azure identity could get a token (in Azure: the managed identity and AZURE_CLIENT_ID; locally: az login or azd auth login)", e);
            }
        }

        return found;
    }
}

/// <summary>The vault could not be read (permission, network, identity). The message names vault and secret, never a value.</summary>
public sealed class SecretSourceUnavailableException : Exception
{
    public SecretSourceUnavailableException(Uri vault, string secretName, string reason, Exception? inner = null)
        : base($"Key Vault {vault.Host}: cannot read secret '{secretName}': {reason}", inner)
    {
        Vault = vault;
        SecretName = secretName;
    }

    public SecretSourceUnavailableException()
        : this(new Uri("https://unknown.vault.azure.net/"), "unknown", "unspecified")
    {
    }

    public SecretSourceUnavailableException(string message)
        : base(message)
    {
        Vault = new Uri("https://unknown.vault.azure.net/");
        SecretName = "unknown";
    }

    public SecretSourceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Vault = new Uri("https://unknown.vault.azure.net/");
        SecretName = "unknown";
    }

    public Uri Vault { get; }

    public string SecretName { get; }
}
