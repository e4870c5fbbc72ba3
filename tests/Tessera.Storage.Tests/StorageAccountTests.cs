using Azure.Core;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;
using Tessera.Storage.Pipeline;
using Tessera.Storage.Tests.Pipeline;
using Xunit;

namespace Tessera.Storage.Tests;

public sealed class StorageAccountTests
{
    [Fact]
    public async Task A_token_credential_client_sends_a_bearer_token_for_the_storage_scope_and_no_shared_key()
    {
        var transport = new FakeTransport().Then(404).Then(404);
        var credential = new FakeCredential("tok-123");
        var account = StorageAccount.FromTokenCredential(
            new Uri("https://acct.blob.core.windows.net/"), new Uri("https://acct.table.core.windows.net"), credential,
            new StorageClientOptions { Transport = transport });

        Assert.Null(await account.Blobs.TryGetPropertiesAsync("c1c", "b"));
        Assert.Null(await account.Tables.GetAsync("tb1", "p", "r"));

        Assert.Equal(2, transport.Requests.Count);
        Assert.All(transport.Requests, r => Assert.Equal("Bearer tok-123", r.Headers["Authorization"]));
        Assert.Equal("https://acct.blob.core.windows.net/c1c/b", transport.Requests[0].Uri.AbsoluteUri);
        Assert.StartsWith("https://acct.table.core.windows.net/tb1(", transport.Requests[1].Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.All(credential.Scopes, s => Assert.Equal([StoragePipeline.StorageScope], s));
        Assert.NotEmpty(credential.Scopes);
    }

    [Fact]
    public void Development_storage_uses_azurite_default_ports_path_style()
    {
        var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true");
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", account.Blobs.Endpoint.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", account.Tables.Endpoint.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_gives_a_typed_error_that_says_how_to_start_azurite()
    {
        var port = FreeClosedPort();
        var account = StorageAccount.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Tessera.Storage.Local.AzuriteLauncher.DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");

        var blobError = await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Blobs.GetAsync("c1c", "b"));
        var tableError = await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Tables.InsertAsync("tb1", new Tessera.Storage.Tables.TableEntity("p", "r")));

        foreach (var error in new[] { blobError, tableError })
        {
            Assert.Contains("make azurite", error.Message, StringComparison.Ordinal);
            Assert.Contains($"127.0.0.1:{port}", error.Endpoint, StringComparison.Ordinal);
            Assert.DoesNotContain(Tessera.Storage.Local.AzuriteLauncher.DevAccountKey, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Blob_puts_send_block_blob_type_content_type_and_condition_headers()
    {
        var transport = new FakeTransport().Then(201, ("ETag", "0x2"));
        var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true", new StorageClientOptions { Transport = transport });

        var etag = await account.Blobs.PutAsync("c1c", "a b/ü.json", "{}"u8.ToArray(), BlobWriteCondition.IfMatch("0x1"), "application/json");

        var sent = Assert.Single(transport.Requests);
        Assert.Equal("\"0x2\"", etag);
        Assert.Equal("BlockBlob", sent.Headers["x-ms-blob-type"]);
        Assert.Equal("application/json", sent.Headers["Content-Type"]);
        Assert.Equal("\"0x1\"", sent.Headers["If-Match"]);
        Assert.Equal("/devstoreaccount1/c1c/a%20b/%C3%BC.json", sent.Uri.AbsolutePath);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_gives_the_typed_unreachable_error()
    {
        var account = StorageAccount.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=acct;AccountKey={Tessera.Storage.Local.AzuriteLauncher.DevAccountKey};EndpointSuffix=tessera-unreachable.invalid");

        var error = await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Blobs.TryGetPropertiesAsync("c1c", "b"));

        Assert.Contains("acct.blob.tessera-unreachable.invalid", error.Endpoint, StringComparison.Ordinal);
        Assert.Contains("make azurite", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://acct.blob.core.windows.net")]
    [InlineData("https://acct.blob.core.windows.net?sv=1&sig=abc")]
    public void Bearer_token_clients_require_https_without_query(string uri)
    {
        var error = Assert.Throws<Tessera.Storage.Configuration.StorageConfigurationException>(() =>
            StorageAccount.FromTokenCredential(new Uri(uri), new Uri("https://acct.table.core.windows.net"), new FakeCredential("t")));
        Assert.Equal("blobServiceUri", error.Field);
        Assert.DoesNotContain("sig=abc", error.Message, StringComparison.Ordinal);
    }

    private static int FreeClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FakeCredential(string token) : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
