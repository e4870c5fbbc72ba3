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
}
