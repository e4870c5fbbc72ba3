namespace Tessera.Storage.Configuration;

/// <summary>Service root URIs are kept without a trailing slash so paths can be appended as "/segment".</summary>
public static class ServiceEndpoint
{
    public static Uri Normalize(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var text = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(text, UriKind.Absolute);
    }

    /// <summary>
    /// A service URI for bearer-token auth: absolute https without query (a token must never travel in clear text,
    /// and Azure.Core refuses it anyway, later and less clearly).
    /// </summary>
    public static Uri ForBearerToken(Uri serviceUri, string field)
    {
        if (serviceUri is null || !serviceUri.IsAbsoluteUri)
        {
            throw new StorageConfigurationException(field, serviceUri?.OriginalString, "must be an absolute https URI");
        }

        if (serviceUri.Scheme != Uri.UriSchemeHttps)
        {
            throw new StorageConfigurationException(field, serviceUri.GetLeftPart(UriPartial.Path), "must use https for bearer-token (managed identity) auth");
        }

        if (!string.IsNullOrEmpty(serviceUri.Query))
        {
            throw new StorageConfigurationException(field, serviceUri.GetLeftPart(UriPartial.Path), "must not carry a query (no SAS tokens with bearer auth)");
        }

        return Normalize(serviceUri);
    }
}
