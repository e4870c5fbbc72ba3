using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Application.Http;

/// <summary>
/// What the HTTP API needs from its host's configuration. <see cref="PublicBaseUrl"/> is where clients reach the
/// API (status URLs are built from it, never from the request's Host header, and never carry platform keys).
/// A missing <see cref="ApiKey"/> fails closed: every keyed route answers 401.
/// </summary>
public sealed record HttpApiSettings(string? ApiKey, Uri PublicBaseUrl)
{
    public const string ApiKeyVariable = Tessera.Core.Secrets.TesseraSecrets.ApiKey;
    public const string PublicBaseUrlVariable = "TESSERA_PUBLIC_BASE_URL";

    /// <summary>
    /// Reads the settings from configuration values (environment / app settings): TESSERA_PUBLIC_BASE_URL, else
    /// https://WEBSITE_HOSTNAME on Azure (set by the platform, not by the caller), else <paramref name="fallbackBaseUrl"/>.
    /// </summary>
    public static HttpApiSettings From(Func<string, string?> setting, Uri? fallbackBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var configured = setting(PublicBaseUrlVariable);
        Uri baseUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!Uri.TryCreate(configured, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.UserInfo))
            {
                throw new TesseraValidationException(PublicBaseUrlVariable, configured, "must be an absolute http(s) URL without query or credentials");
            }

            baseUrl = parsed;
        }
        else if (setting("WEBSITE_HOSTNAME") is { Length: > 0 } host)
        {
            baseUrl = new Uri("https://" + host);
        }
        else
        {
            baseUrl = fallbackBaseUrl ?? throw new TesseraValidationException(PublicBaseUrlVariable, null, "is required: the URL where clients reach this API");
        }

        var key = setting(ApiKeyVariable);
        return new HttpApiSettings(string.IsNullOrEmpty(key) ? null : key, baseUrl);
    }

    /// <summary>The public URL of an API path ("api/runs/ID"), under the base URL's own path.</summary>
    public string UrlOf(string path) => PublicBaseUrl.AbsoluteUri.TrimEnd('/') + "/" + path.TrimStart('/');
}
