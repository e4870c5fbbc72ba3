using System.Globalization;
using System.Xml.Linq;

namespace Tessera.Storage.Blobs;

/// <summary>Parses the List Blobs XML (EnumerationResults/Blobs/Blob, NextMarker).</summary>
public static class BlobListXml
{
    public static BlobListPage Parse(string xml)
    {
        var root = XDocument.Parse(xml).Root ?? throw new FormatException("List Blobs response has no root element");
        var items = new List<BlobProperties>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var props = blob.Element("Properties");
            items.Add(new BlobProperties(
                Name: blob.Element("Name")?.Value ?? throw new FormatException("Blob without Name in List Blobs response"),
                Length: long.Parse(props?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
                ETag: BlobETag.Normalize(props?.Element("Etag")?.Value ?? string.Empty),
                LastModified: DateTimeOffset.Parse(props?.Element("Last-Modified")?.Value ?? "1970-01-01T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                ContentType: NullIfEmpty(props?.Element("Content-Type")?.Value),
                BlobType: props?.Element("BlobType")?.Value ?? "BlockBlob"));
        }

        return new BlobListPage(items, NullIfEmpty(root.Element("NextMarker")?.Value));
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
