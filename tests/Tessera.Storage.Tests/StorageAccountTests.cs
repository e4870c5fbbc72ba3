using Azure.Core;
using Azure.Data.Tables;
using Tessera.Core.Errors;
using Tessera.Storage.Blobs;
using Tessera.Storage.Configuration;
using Tessera.Storage.Errors;
using Tessera.Storage.Local;
using Xunit;

namespace Tessera.Storage.Tests;

public sealed class StorageAccountTests
{
    [Fact]
    public void Development_storage_uses_azurite_default_ports_path_style()
    {
        var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true");
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", account.Blobs.Endpoint.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", account.Tables.Endpoint.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void An_account_connection_string_gives_the_account_endpoints()
    {
        var account = StorageAccount.FromConnectionString($"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={AzuriteLauncher.DevAccountKey};EndpointSuffix=core.windows.net");
        Assert.Equal("https://acct.blob.core.windows.net/", account.Blobs.Endpoint.AbsoluteUri);
        Assert.Equal("https://acct.table.core.windows.net/", account.Tables.Endpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("not a connection string c2VjcmV0LWtleS1mb3ItdGVzdA==")]
    [InlineData("AccountName=acct;c2VjcmV0LWtleS1mb3ItdGVzdA==")]
    [InlineData("")]
    public void A_malformed_connection_string_is_a_typed_error_that_never_shows_it(string connectionString)
    {
        var error = Assert.Throws<StorageConfigurationException>(() => StorageAccount.FromConnectionString(connectionString));
        Assert.Equal("ConnectionString", error.Field);
        Assert.DoesNotContain("c2VjcmV0LWtleS1mb3ItdGVzdA==", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_gives_a_typed_error_that_says_how_to_start_azurite()
    {
        var port = FreeClosedPort();
        var account = StorageAccount.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteLauncher.DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");

        var errors = new[]
        {
            await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Blobs.GetAsync("c1c", "b")),
            await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Blobs.PutAsync("c1c", "b", new byte[] { 1 }, BlobWriteCondition.CreateOnly)),
            await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Tables.InsertAsync("tb1", new TableEntity("p", "r"))),
            await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Tables.GetAsync<TableEntity>("tb1", "p", "r")),
        };

        foreach (var error in errors)
        {
            Assert.Equal($"http://127.0.0.1:{port}", error.Endpoint);
            Assert.Contains($"storage endpoint http://127.0.0.1:{port} is not reachable", error.Message, StringComparison.Ordinal);
            Assert.Contains("make azurite", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, error.Status);
            Assert.DoesNotContain(AzuriteLauncher.DevAccountKey, error.ToString(), StringComparison.Ordinal);
        }

        // The retried reads report the attempts they made (1 + Local.MaxRetries); the single-attempt writes do not.
        Assert.Contains($"after {StorageRetrySettings.Local.MaxRetries + 1} attempts", errors[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("attempts", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_gives_the_typed_unreachable_error()
    {
        var account = StorageAccount.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=acct;AccountKey={AzuriteLauncher.DevAccountKey};EndpointSuffix=tessera-unreachable.invalid",
            StorageRetrySettings.Local);

        var error = await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Blobs.TryGetPropertiesAsync("c1c", "b"));

        Assert.Equal("http://acct.blob.tessera-unreachable.invalid", error.Endpoint);
        Assert.Contains("make azurite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_credential_stores_ask_for_the_storage_scope_and_map_transport_failures_the_same_way()
    {
        var port = FreeClosedPort();
        var credential = new FakeCredential("tok-123");
        var account = StorageAccount.FromTokenCredential(
            new Uri($"https://127.0.0.1:{port}/acct"), new Uri($"https://127.0.0.1:{port}/acct"), credential);

        await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Blobs.TryGetPropertiesAsync("c1c", "b"));
        await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Tables.GetAsync<TableEntity>("tb1", "p", "r"));

        Assert.NotEmpty(credential.Scopes);
        Assert.All(credential.Scopes, s => Assert.Equal(["https://storage.azure.com/.default"], s));
    }

    [Theory]
    [InlineData("http://acct.blob.core.windows.net")]
    [InlineData("https://acct.blob.core.windows.net?sv=1&sig=abc")]
    public void Bearer_token_clients_require_https_without_query(string uri)
    {
        var error = Assert.Throws<StorageConfigurationException>(() =>
            StorageAccount.FromTokenCredential(new Uri(uri), new Uri("https://acct.table.core.windows.net"), new FakeCredential("t")));
        Assert.Equal("blobServiceUri", error.Field);
        Assert.DoesNotContain("sig=abc", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1", true)]
    [InlineData("http://localhost:10002/devstoreaccount1", true)]
    [InlineData("http://[::1]:10000/devstoreaccount1", true)]
    [InlineData("https://acct.blob.core.windows.net", false)]
    [InlineData("http://192.168.1.20:10000/devstoreaccount1", false)]
    public void Loopback_endpoints_get_the_local_retry_settings_and_others_the_azure_ones(string endpoint, bool local)
    {
        Assert.Same(local ? StorageRetrySettings.Local : StorageRetrySettings.Azure, StorageRetrySettings.For(new Uri(endpoint)));
    }

    [Fact]
    public void The_local_settings_fail_within_seconds_and_the_azure_ones_keep_the_sdk_defaults()
    {
        var local = StorageRetrySettings.Local;
        var sdk = new TableClientOptions().Retry;
        Assert.True(local.MaxRetries * local.MaxDelay < TimeSpan.FromSeconds(5), "connection refused must be reported within a few seconds");
        Assert.True(local.NetworkTimeout <= TimeSpan.FromSeconds(10));
        Assert.Equal((sdk.MaxRetries, sdk.Delay, sdk.MaxDelay, sdk.NetworkTimeout), (StorageRetrySettings.Azure.MaxRetries, StorageRetrySettings.Azure.Delay, StorageRetrySettings.Azure.MaxDelay, StorageRetrySettings.Azure.NetworkTimeout));
    }

    [Fact]
    public void Impossible_retry_settings_are_a_typed_error()
    {
        var error = Assert.Throws<TesseraValidationException>(() =>
            StorageAccount.FromConnectionString("UseDevelopmentStorage=true", StorageRetrySettings.Local with { MaxRetries = -1 }));
        Assert.Equal("retry settings", error.Field);
    }

    private static int FreeClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FakeCredential(string token) : TokenCredential
    {
        private readonly List<string[]> _scopes = [];

        public IReadOnlyList<string[]> Scopes
        {
            get
            {
                lock (_scopes)
                {
                    return [.. _scopes];
                }
            }
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (_scopes)
            {
                _scopes.Add(requestContext.Scopes);
            }

            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
