namespace Tessera.Core.Secrets;

/// <summary>
/// The one list of Tessera's secrets, by the environment variable each is read from. Every host reads them through
/// this list: locally from the environment or a git-ignored .env, from Key Vault when TESSERA_KEYVAULT_URI is set
/// (Tessera.Storage.Configuration.Secrets), and on Azure as app settings / container secrets that reference the
/// vault (infra/). <c>tessera config check</c> reports each one's presence, never its value.
/// </summary>
public static class TesseraSecrets
{
    /// <summary>The key every keyed HTTP route requires (X-API-Key); `tessera serve` generates one when absent.</summary>
    public const string ApiKey = "TESSERA_API_KEY";

    /// <summary>The Alpaca key id (Alpaca's own variable name).</summary>
    public const string AlpacaKeyId = "APCA_API_KEY_ID";

    /// <summary>The Alpaca secret key (Alpaca's own variable name).</summary>
    public const string AlpacaSecretKey = "APCA_API_SECRET_KEY";

    /// <summary>Default secret names of the alert channels (config/trading.yaml alerts.*.secret may rename them).</summary>
    public const string AlertWebhookUrl = "TESSERA_ALERT_WEBHOOK_URL";

    public const string AlertSmtp = "TESSERA_ALERT_SMTP";

    public const string AlertSms = "TESSERA_ALERT_SMS";

    /// <summary>A storage connection string holds the account key (unless it is UseDevelopmentStorage=true).</summary>
    public const string StorageConnectionString = "TESSERA_STORAGE_CONNECTION_STRING";

    /// <summary>Where the secrets live when not in the environment: a Key Vault URI (https://NAME.vault.azure.net/). Not a secret.</summary>
    public const string KeyVaultUriVariable = "TESSERA_KEYVAULT_URI";

    /// <summary>An explicit .env file to read instead of looking in the working directory and the repository root. Not a secret.</summary>
    public const string DotEnvVariable = "TESSERA_DOTENV";

    public static IReadOnlyList<SecretDefinition> All { get; } =
    [
        new(ApiKey, "HTTP API key (X-API-Key); tessera serve generates .local/api-key without it"),
        new(AlpacaKeyId, "Alpaca key id (alpaca-paper / alpaca-live)"),
        new(AlpacaSecretKey, "Alpaca secret key (alpaca-paper / alpaca-live)"),
        new(AlertWebhookUrl, "alert webhook URL with its token (alerts.webhook)"),
        new(AlertSmtp, "alert e-mail smtp(s)://user:password@host:port?from=&to= (alerts.email)"),
        new(AlertSms, "alert SMS twilio://SID:TOKEN@api.twilio.com?from=&to= (alerts.sms)"),
        new(StorageConnectionString, "storage connection string with the account key (else embedded Azurite / managed identity)"),
    ];

    public static bool IsSecret(string variable) => All.Any(s => string.Equals(s.Variable, variable, StringComparison.Ordinal));

    /// <summary>
    /// The Key Vault secret name of a variable: lower case, '-' for '_' (Key Vault names allow only letters, digits and
    /// '-'): TESSERA_API_KEY -> tessera-api-key. infra/modules/keyvault.bicep names the deployed secrets by this rule.
    /// </summary>
    public static string KeyVaultName(string variable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        return variable.Replace('_', '-').ToLowerInvariant();
    }
}

/// <summary>One secret: the environment variable it is read from and what it is for (printed by config check).</summary>
public sealed record SecretDefinition(string Variable, string Purpose)
{
    public string KeyVaultName => TesseraSecrets.KeyVaultName(Variable);
}
