namespace Tessera.Storage.Configuration;

/// <summary>Checks on the service URIs given for token (managed identity) auth.</summary>
public static class ServiceEndpoint
{
    /// <summary>
    /// A service URI for bearer-token auth: absolute https without query (a token must never travel in clear text,
    /// and the SDK refuses it anyway, later and less clearly).
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

        return serviceUri;
    }
}
