using Tessera.Core.Errors;

namespace Tessera.Alpaca.Configuration;

/// <summary>
/// Resolves the broker from configuration: the explicit choice (option, else TESSERA_BROKER, else local) decides the
/// endpoints; keys are then read for that broker only. Keys being present never switches brokers: APCA_* keys do
/// not make a command trade on Alpaca unless alpaca-paper/alpaca-live was chosen, and live also needs --live.
/// </summary>
public static class BrokerSelection
{
    public const string BrokerVariable = "TESSERA_BROKER";
    public const string AlpacaKeyIdVariable = Tessera.Core.Secrets.TesseraSecrets.AlpacaKeyId;
    public const string AlpacaSecretVariable = Tessera.Core.Secrets.TesseraSecrets.AlpacaSecretKey;
    public const string ExchangeUrlVariable = "TESSERA_EXCHANGE_URL";
    public const string ExchangeKeyIdVariable = "TESSERA_EXCHANGE_KEY_ID";
    public const string ExchangeSecretVariable = "TESSERA_EXCHANGE_SECRET_KEY";

    /// <summary>The local exchange's default address (tessera exchange serve).</summary>
    public const string DefaultExchangeUrl = "http://127.0.0.1:7080/";

    /// <summary>The local exchange's development keys: loopback only, not secrets, overridable by the variables above.</summary>
    public const string DefaultExchangeKeyId = "TESSERA-LOCAL-KEY";
    public const string DefaultExchangeSecret = "tessera-local-secret";

    public static BrokerTarget ResolveTarget(string? option, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(option))
        {
            return BrokerTargets.Parse(option);
        }

        var configured = environment(BrokerVariable);
        return string.IsNullOrWhiteSpace(configured) ? BrokerTarget.Local : BrokerTargets.Parse(configured, BrokerVariable);
    }

    public static AlpacaClientOptions Resolve(BrokerTarget target, Func<string, string?> environment, bool liveConfirmed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        switch (target)
        {
            case BrokerTarget.Local:
                var url = environment(ExchangeUrlVariable) ?? DefaultExchangeUrl;
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
                {
                    throw new TesseraValidationException(ExchangeUrlVariable, url, "must be an absolute http:// URL");
                }

                return new AlpacaClientOptions
                {
                    Endpoints = AlpacaEndpoints.Local(uri),
                    Credentials = new AlpacaCredentials(environment(ExchangeKeyIdVariable) ?? DefaultExchangeKeyId, environment(ExchangeSecretVariable) ?? DefaultExchangeSecret),
                };
            case BrokerTarget.AlpacaPaper:
                return new AlpacaClientOptions { Endpoints = AlpacaEndpoints.Paper, Credentials = AlpacaKeys(environment, "alpaca-paper") };
            case BrokerTarget.AlpacaLive:
                // Confirmation first: without --live nothing about live trading is even read.
                var endpoints = AlpacaEndpoints.Live(liveConfirmed);
                return new AlpacaClientOptions { Endpoints = endpoints, Credentials = AlpacaKeys(environment, "alpaca-live") };
            default:
                throw new ArgumentOutOfRangeException(nameof(target));
        }
    }

    private static AlpacaCredentials AlpacaKeys(Func<string, string?> environment, string broker)
    {
        var key = environment(AlpacaKeyIdVariable);
        var secret = environment(AlpacaSecretVariable);
        if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(secret))
        {
            throw new TesseraValidationException(AlpacaKeyIdVariable, null, $"--broker {broker} needs {AlpacaKeyIdVariable} and {AlpacaSecretVariable} in the environment (Key Vault on Azure)");
        }

        return new AlpacaCredentials(key, secret);
    }
}
