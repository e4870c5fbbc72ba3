using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Core.Tests.Errors;

/// <summary>Hardening item 13: credentials in URLs and connection strings never reach a message.</summary>
public sealed class RedactionTests
{
    [Theory]
    [InlineData("storage endpoint http://user:CANARYPW@127.0.0.1:1 is not reachable", "storage endpoint http://***@127.0.0.1:1 is not reachable")]
    [InlineData("GET https://acct.blob.core.windows.net/c/b?sv=2024&sig=CANARYSIG&se=x failed", "GET https://acct.blob.core.windows.net/c/b?sv=2024&sig=***&se=x failed")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=CANARYKEY==;BlobEndpoint=x", "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=***;BlobEndpoint=x")]
    [InlineData("smtps://mailer:CANARYPW@smtp.example:465", "smtps://***@smtp.example:465")]
    [InlineData("https://hooks.example/path?token=CANARYTOKEN", "https://hooks.example/path?token=***")]
    [InlineData("nothing secret here: http://127.0.0.1:7071/api/runs", "nothing secret here: http://127.0.0.1:7071/api/runs")]
    public void Hardening_item_13_credentials_in_urls_are_redacted_from_messages(string text, string expected)
    {
        Assert.Equal(expected, Redaction.Text(text));
        Assert.DoesNotContain("CANARY", Redaction.Text(text), StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_is_scheme_host_and_port_only()
    {
        Assert.Equal("http://127.0.0.1:1", Redaction.Endpoint(new Uri("http://user:CANARYPW@127.0.0.1:1/devstoreaccount1?sig=x")));
        Assert.Equal("https://acct.blob.core.windows.net", Redaction.Endpoint(new Uri("https://acct.blob.core.windows.net/")));
    }
}
