namespace Tessera.Alpaca.Configuration;

/// <summary>
/// An API key id and secret. Both are treated as secrets: they are readable only inside this assembly (to set
/// the request headers and the stream auth messages) and <see cref="ToString"/> shows a redacted hint.
/// </summary>
public sealed class AlpacaCredentials
{
    public AlpacaCredentials(string keyId, string secretKey)
    {
        if (string.IsNullOrWhiteSpace(keyId))
        {
            throw new Tessera.Core.Errors.TesseraValidationException("key id", null, "must be non-empty");
        }

        if (string.IsNullOrWhiteSpace(secretKey))
        {
            throw new Tessera.Core.Errors.TesseraValidationException("secret key", null, "must be non-empty");
        }

        KeyId = keyId.Trim();
        SecretKey = secretKey.Trim();
    }

    internal string KeyId { get; }

    internal string SecretKey { get; }

    /// <summary>Safe to print: the last four characters of the key id.</summary>
    public string Hint => "…" + (KeyId.Length <= 4 ? new string('*', KeyId.Length) : KeyId[^4..]);

    public override string ToString() => $"AlpacaCredentials(key {Hint}, secret ****)";
}
