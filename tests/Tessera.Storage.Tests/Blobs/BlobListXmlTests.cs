using Tessera.Storage.Blobs;
using Xunit;

namespace Tessera.Storage.Tests.Blobs;

/// <summary>Shape of the response from the "List Blobs" REST reference (learn.microsoft.com/rest/api/storageservices/list-blobs).</summary>
public sealed class BlobListXmlTests
{
    [Fact]
    public void Parses_names_properties_and_next_marker()
    {
        const string xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <EnumerationResults ServiceEndpoint="https://acct.blob.core.windows.net/" ContainerName="c">
              <Prefix>runs/</Prefix>
              <MaxResults>2</MaxResults>
              <Blobs>
                <Blob>
                  <Name>runs/a &amp; b.json</Name>
                  <Properties>
                    <Last-Modified>Sat, 21 Nov 2026 06:00:00 GMT</Last-Modified>
                    <Etag>0x8DCB0</Etag>
                    <Content-Length>12</Content-Length>
                    <Content-Type>application/json</Content-Type>
                    <BlobType>BlockBlob</BlobType>
                  </Properties>
                </Blob>
                <Blob>
                  <Name>runs/log</Name>
                  <Properties>
                    <Last-Modified>Sat, 21 Nov 2026 06:00:01 GMT</Last-Modified>
                    <Etag>"0x8DCB1"</Etag>
                    <Content-Length>0</Content-Length>
                    <Content-Type />
                    <BlobType>AppendBlob</BlobType>
                  </Properties>
                </Blob>
              </Blobs>
              <NextMarker>2!80!MDAwMDQ</NextMarker>
            </EnumerationResults>
            """;

        var page = BlobListXml.Parse(xml);

        Assert.Equal("2!80!MDAwMDQ", page.NextMarker);
        Assert.Equal(2, page.Items.Count);
        Assert.Equal(new BlobProperties("runs/a & b.json", 12, "\"0x8DCB0\"", new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero), "application/json", "BlockBlob"), page.Items[0]);
        Assert.Equal("\"0x8DCB1\"", page.Items[1].ETag);
        Assert.Null(page.Items[1].ContentType);
        Assert.Equal("AppendBlob", page.Items[1].BlobType);
    }

    [Fact]
    public void Empty_next_marker_means_last_page()
    {
        var page = BlobListXml.Parse("<EnumerationResults><Blobs /><NextMarker /></EnumerationResults>");
        Assert.Empty(page.Items);
        Assert.Null(page.NextMarker);
    }
}
