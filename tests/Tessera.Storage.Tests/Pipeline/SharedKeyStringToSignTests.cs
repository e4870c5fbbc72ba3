using Azure.Core;
using Azure.Core.Pipeline;
using Tessera.Storage.Configuration;
using Tessera.Storage.Pipeline;
using Xunit;

namespace Tessera.Storage.Tests.Pipeline;

/// <summary>
/// String-to-sign checked against hand-derived strings following "Authorize with Shared Key"
/// (learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key); the signatures were computed
/// independently with OpenSSL: printf '%s' "$S" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -binary | base64,
/// KEY = the public Azurite development key in hex.
/// </summary>
public sealed class SharedKeyStringToSignTests
{
    private const string Date = "Sat, 21 Nov 2026 06:00:00 GMT";

    private static Request NewRequest(RequestMethod method, string uri)
    {
        var request = HttpClientTransport.Shared.CreateRequest();
        request.Method = method;
        request.Uri.Reset(new Uri(uri));
        return request;
    }

    [Fact]
    public void Blob_string_to_sign_has_the_twelve_standard_lines_sorted_ms_headers_and_sorted_query()
    {
        var request = NewRequest(RequestMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/my-container/dir/a%20b.txt?comp=block&blockid=QUJD");
        request.Headers.SetValue("x-ms-version", "2021-08-06");
        request.Headers.SetValue("X-MS-Date", Date);
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("x-ms-meta-note", "  a   b ");
        request.Headers.SetValue("Content-Type", "text/plain");
        request.Headers.SetValue("If-Match", "\"0x1\"");
        request.Content = RequestContent.Create("hello world"u8.ToArray());

        var s = SharedKeyStringToSign.ForBlob(request, "devstoreaccount1");

        const string expected =
            "PUT\n\n\n11\n\ntext/plain\n\n\n\"0x1\"\n\n\n\n" +
            "x-ms-blob-type:BlockBlob\n" +
            "x-ms-date:" + Date + "\n" +
            "x-ms-meta-note:a b\n" +
            "x-ms-version:2021-08-06\n" +
            "/devstoreaccount1/devstoreaccount1/my-container/dir/a%20b.txt\nblockid:QUJD\ncomp:block";
        Assert.Equal(expected, s);
        Assert.Equal("WJmPZ7diWeErpQepMtE0hVwcsmAw9etZIr2Dxntq/os=", StorageConnectionString.Development.Credential.ComputeSignature(s));
    }

    [Fact]
    public void Blob_content_length_zero_is_an_empty_line_and_range_and_conditions_take_their_slots()
    {
        var request = NewRequest(RequestMethod.Get, "https://acct.blob.core.windows.net/c/b");
        request.Headers.SetValue("x-ms-date", Date);
        request.Headers.SetValue("Range", "bytes=0-9");
        request.Headers.SetValue("If-None-Match", "*");
        request.Headers.SetValue("Content-Length", "0");

        var s = SharedKeyStringToSign.ForBlob(request, "acct");

        Assert.Equal("GET\n\n\n\n\n\n\n\n\n*\n\nbytes=0-9\nx-ms-date:" + Date + "\n/acct/c/b", s);
    }

    [Fact]
    public void Blob_query_values_are_unescaped_and_names_lowercased()
    {
        var request = NewRequest(RequestMethod.Get, "https://acct.blob.core.windows.net/c?restype=container&comp=list&Prefix=runs%2Fa%20b&marker=");

        var s = SharedKeyStringToSign.ForBlob(request, "acct");

        Assert.EndsWith("/acct/c\ncomp:list\nmarker:\nprefix:runs/a b\nrestype:container", s, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_string_to_sign_uses_x_ms_date_and_keeps_the_escaped_entity_path_without_query()
    {
        var request = NewRequest(RequestMethod.Get, "http://127.0.0.1:10002/devstoreaccount1/tb1(PartitionKey='a%27%27b',RowKey='r')?$select=A");
        request.Headers.SetValue("x-ms-date", Date);
        request.Headers.SetValue("x-ms-version", "2019-02-02");

        var s = SharedKeyStringToSign.ForTable(request, "devstoreaccount1");

        Assert.Equal("GET\n\n\n" + Date + "\n/devstoreaccount1/devstoreaccount1/tb1(PartitionKey='a%27%27b',RowKey='r')", s);
        Assert.Equal("/4bQfnSZ/wjHC8wRLUrCivQ2RAehpEmHBjV891BsdzA=", StorageConnectionString.Development.Credential.ComputeSignature(s));
    }

    [Fact]
    public void Table_string_to_sign_keeps_comp_and_content_type()
    {
        var request = NewRequest(RequestMethod.Post, "https://acct.table.core.windows.net/Tables?comp=acl&timeout=5");
        request.Headers.SetValue("x-ms-date", Date);
        request.Headers.SetValue("Content-Type", "application/json");

        var s = SharedKeyStringToSign.ForTable(request, "acct");

        Assert.Equal("POST\n\napplication/json\n" + Date + "\n/acct/Tables?comp=acl", s);
    }

    [Fact]
    public async Task The_policy_writes_the_authorization_header_from_the_string_to_sign()
    {
        var transport = new FakeTransport().Then(404);
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero));
        var options = new StorageClientOptions { Transport = transport, Clock = clock };
        var store = new Tessera.Storage.Tables.TableStore(new StorageTransport(
            StoragePipeline.CreateSharedKey(StorageServiceKind.Table, StorageConnectionString.Development.Credential, options),
            new Uri("http://127.0.0.1:10002/devstoreaccount1")));

        Assert.Null(await store.GetAsync("tb1", "a''b".Replace("''", "'", StringComparison.Ordinal), "r"));

        var sent = Assert.Single(transport.Requests);
        Assert.Equal(Date, sent.Headers["x-ms-date"]);
        Assert.Equal("SharedKey devstoreaccount1:/4bQfnSZ/wjHC8wRLUrCivQ2RAehpEmHBjV891BsdzA=", sent.Headers["Authorization"]);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
