namespace Tessera.Storage.Blobs;

/// <summary>ETags are handled in their quoted HTTP form ("0x8D..."); listings may return them bare.</summary>
public static class BlobETag
{
    public static string Normalize(string etag)
    {
        ArgumentNullException.ThrowIfNull(etag);
        if (etag.Length == 0 || etag == "*" || etag.StartsWith('"') || etag.StartsWith("W/", StringComparison.Ordinal))
        {
            return etag;
        }

        return "\"" + etag + "\"";
    }
}
