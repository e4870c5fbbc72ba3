using Tessera.Storage.Blobs;
using Tessera.Storage.Configuration;
using Tessera.Storage.Errors;
using Tessera.Storage.Pipeline;
using Tessera.Storage.Tables;
using Xunit;

namespace Tessera.Storage.Tests.Pipeline;

/// <summary>Which requests are retried on transient failures, observed at a fake transport (no network, no sleeps worth measuring).</summary>
public sealed class IdempotentRetryPolicyTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    private static (StorageAccount Account, FakeTransport Transport) Account(int maxRetries = 3)
    {
        var transport = new FakeTransport();
        var options = new StorageClientOptions
        {
            Transport = transport,
            MaxRetries = maxRetries,
            RetryInitialDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(2),
        };
        return (StorageAccount.FromConnectionString("UseDevelopmentStorage=true", options), transport);
    }

    private static (string, string)[] BlobHeaders() =>
    [
        ("ETag", "\"0x1\""), ("Last-Modified", Created.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        ("Content-Length", "0"), ("x-ms-blob-type", "BlockBlob"), ("x-ms-blob-append-offset", "0"),
    ];

    [Fact]
    public async Task Get_is_retried_after_503_and_succeeds()
    {
        var (account, transport) = Account();
        transport.Then(503).Then(200, BlobHeaders());

        var download = await account.Blobs.GetAsync("c1c", "b");

        Assert.Equal(2, transport.Requests.Count);
        Assert.All(transport.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Equal("\"0x1\"", download.Properties.ETag);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task Idempotent_requests_are_retried_on_transient_statuses(int status)
    {
        var (account, transport) = Account();
        transport.Then(status).Then(404);

        Assert.Null(await account.Blobs.TryGetPropertiesAsync("c1c", "b"));
        Assert.Equal(2, transport.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(501)]
    public async Task Non_transient_statuses_are_not_retried(int status)
    {
        var (account, transport) = Account();
        transport.Then(status);

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => account.Blobs.GetAsync("c1c", "b"));
        Assert.Equal(status, error.Status);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_budget()
    {
        var (account, transport) = Account(maxRetries: 2);
        transport.DefaultStatus = 503;

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => account.Blobs.GetAsync("c1c", "b"));

        Assert.Equal(503, error.Status);
        Assert.Equal(3, transport.Requests.Count);
    }

    [Fact]
    public async Task Table_insert_post_is_never_retried()
    {
        var (account, transport) = Account();
        transport.Then(503).Then(204, ("ETag", "W/\"x\""));

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => account.Tables.InsertAsync("tbl", new TableEntity("p", "r")));

        Assert.Equal(503, error.Status);
        Assert.Equal("POST", Assert.Single(transport.Requests).Method);
    }

    [Fact]
    public async Task Create_only_put_is_never_retried()
    {
        var (account, transport) = Account();
        transport.Then(503).Then(201, BlobHeaders());

        await Assert.ThrowsAsync<StorageRequestException>(() => account.Blobs.PutAsync("c1c", "b", new byte[] { 1 }, BlobWriteCondition.CreateOnly));

        var request = Assert.Single(transport.Requests);
        Assert.Equal("*", request.Headers["If-None-Match"]);
    }

    [Fact]
    public async Task Append_without_position_is_never_retried_but_with_position_is()
    {
        var (account, transport) = Account();
        transport.Then(503);
        await Assert.ThrowsAsync<StorageRequestException>(() => account.Blobs.AppendBlockAsync("c1c", "b", new byte[] { 1 }));
        Assert.Single(transport.Requests);

        transport.Requests.Clear();
        transport.Then(503).Then(201, BlobHeaders());
        Assert.Equal(0, await account.Blobs.AppendBlockAsync("c1c", "b", new byte[] { 1 }, expectedAppendPosition: 0));
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task Unconditional_put_cas_put_delete_and_table_updates_are_retried()
    {
        var (account, transport) = Account();
        transport.Then(503).Then(201, BlobHeaders());
        await account.Blobs.PutAsync("c1c", "b", new byte[] { 1 });
        transport.Then(500).Then(201, BlobHeaders());
        await account.Blobs.PutAsync("c1c", "b", new byte[] { 1 }, BlobWriteCondition.IfMatch("\"0x1\""));
        transport.Then(503).Then(202);
        Assert.True(await account.Blobs.DeleteAsync("c1c", "b"));
        transport.Then(503).Then(204, ("ETag", "W/\"e\""));
        await account.Tables.ReplaceAsync("tbl", new TableEntity("p", "r"), "W/\"d\"");
        transport.Then(503).Then(204, ("ETag", "W/\"e\""));
        await account.Tables.MergeAsync("tbl", new TableEntity("p", "r"), "*");

        Assert.Equal(10, transport.Requests.Count);
        Assert.Equal(["PUT", "PUT", "PUT", "PUT", "DELETE", "DELETE", "PUT", "PUT", "MERGE", "MERGE"], transport.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_network_timeout_on_an_idempotent_request_is_retried()
    {
        var (account, transport) = Account();
        transport.ThenThrow(new TaskCanceledException("timed out", new TimeoutException())).Then(200, BlobHeaders());

        await account.Blobs.GetAsync("c1c", "b");

        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_retried()
    {
        var (account, transport) = Account();
        using var cts = new CancellationTokenSource();
        transport.ThenCancel(cts).Then(200, BlobHeaders());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => account.Blobs.GetAsync("c1c", "b", cancellationToken: cts.Token));
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task Every_attempt_is_signed_anew_with_a_fresh_date()
    {
        var (account, transport) = Account();
        transport.Then(503).Then(200, BlobHeaders());

        await account.Blobs.GetAsync("c1c", "b");

        Assert.All(transport.Requests, r =>
        {
            Assert.StartsWith("SharedKey devstoreaccount1:", r.Headers["Authorization"], StringComparison.Ordinal);
            Assert.True(r.Headers.ContainsKey("x-ms-date"));
            Assert.Equal(StorageHeadersPolicy.BlobVersion, r.Headers["x-ms-version"]);
        });
    }

    [Fact]
    public async Task Unmarked_requests_count_as_not_idempotent()
    {
        var transport = new FakeTransport().Then(503).Then(200);
        var options = new StorageClientOptions { Transport = transport, RetryInitialDelay = TimeSpan.FromMilliseconds(1) };
        var pipeline = StoragePipeline.CreateSharedKey(StorageServiceKind.Blob, StorageConnectionString.Development.Credential, options);
        using var message = pipeline.CreateMessage();
        message.Request.Method = Azure.Core.RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("http://127.0.0.1:10000/devstoreaccount1/c1c/b"));

        await pipeline.SendAsync(message, CancellationToken.None);

        Assert.Equal(503, message.Response.Status);
        Assert.Single(transport.Requests);
    }
}
