using System.Text;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;
using Tessera.Testing;
using Xunit;

namespace Tessera.Storage.Tests.Blobs;

[Collection(AzuriteCollection.Name)]
public sealed class BlobStoreTests(AzuriteFixture azurite)
{
    private BlobStore Store => StorageAccount.FromConnectionString(azurite.ConnectionString).Blobs;

    private async Task<(BlobStore Store, string Container)> NewContainerAsync()
    {
        var store = Store;
        var container = TestNames.Container("blobs");
        await store.CreateContainerIfNotExistsAsync(container);
        return (store, container);
    }

    [Fact]
    public async Task Container_creation_is_idempotent()
    {
        var (store, container) = await NewContainerAsync();
        await store.CreateContainerIfNotExistsAsync(container);
        var page = await store.ListPageAsync(container, null, null);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Put_then_get_round_trips_bytes_content_type_and_etag()
    {
        var (store, container) = await NewContainerAsync();
        var content = Encoding.UTF8.GetBytes("hello, tessera");
        var etag = await store.PutAsync(container, "dir/a.txt", content, contentType: "text/plain");

        var download = await store.GetAsync(container, "dir/a.txt");

        Assert.Equal(content, download.Content);
        Assert.Equal(etag, download.Properties.ETag);
        Assert.Equal("text/plain", download.Properties.ContentType);
        Assert.Equal(content.Length, download.Properties.Length);
        Assert.Equal("BlockBlob", download.Properties.BlobType);
        Assert.StartsWith("\"", etag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_with_spaces_unicode_and_reserved_characters_are_escaped_per_segment()
    {
        var (store, container) = await NewContainerAsync();
        const string name = "runs/r 1/ü+ß&x=y%20'q'(1).json";
        await store.PutAsync(container, name, new byte[] { 1, 2, 3 });

        var download = await store.GetAsync(container, name);
        var listed = await store.ListAsync(container, "runs/r 1/").ToListAsync();

        Assert.Equal(new byte[] { 1, 2, 3 }, download.Content);
        Assert.Equal(name, Assert.Single(listed).Name);
    }

    [Fact]
    public async Task Range_reads_return_the_requested_bytes_and_the_total_length()
    {
        var (store, container) = await NewContainerAsync();
        var content = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        await store.PutAsync(container, "r.bin", content);

        var middle = await store.GetAsync(container, "r.bin", new BlobRange(10, 5));
        var tail = await store.GetAsync(container, "r.bin", new BlobRange(95, null));

        Assert.Equal(new byte[] { 10, 11, 12, 13, 14 }, middle.Content);
        Assert.Equal(100, middle.Properties.Length);
        Assert.Equal(new byte[] { 95, 96, 97, 98, 99 }, tail.Content);
    }

    [Fact]
    public async Task Empty_blobs_round_trip_and_unconditional_puts_overwrite()
    {
        var (store, container) = await NewContainerAsync();
        var first = await store.PutAsync(container, "e", ReadOnlyMemory<byte>.Empty);
        Assert.Empty((await store.GetAsync(container, "e")).Content);

        var second = await store.PutAsync(container, "e", new byte[] { 7 });

        Assert.NotEqual(first, second);
        Assert.Equal(new byte[] { 7 }, (await store.GetAsync(container, "e")).Content);
    }

    [Fact]
    public async Task A_range_starting_past_the_end_is_a_416_request_error()
    {
        var (store, container) = await NewContainerAsync();
        await store.PutAsync(container, "short", new byte[] { 1, 2, 3 });

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => store.GetAsync(container, "short", new BlobRange(10, 5)));

        Assert.Equal(416, error.Status);
    }

    [Fact]
    public async Task A_missing_container_is_typed_not_found_rather_than_an_absent_blob()
    {
        var store = Store;
        var container = TestNames.Container("missing");

        var head = await Assert.ThrowsAsync<StorageNotFoundException>(() => store.TryGetPropertiesAsync(container, "b"));
        var delete = await Assert.ThrowsAsync<StorageNotFoundException>(() => store.DeleteAsync(container, "b"));
        var put = await Assert.ThrowsAsync<StorageNotFoundException>(() => store.PutAsync(container, "b", new byte[] { 1 }));

        Assert.All(new[] { head, delete, put }, e => Assert.Equal("ContainerNotFound", e.ErrorCode));
    }

    [Fact]
    public async Task Get_of_a_missing_blob_is_typed_not_found()
    {
        var (store, container) = await NewContainerAsync();
        var error = await Assert.ThrowsAsync<StorageNotFoundException>(() => store.GetAsync(container, "nope"));
        Assert.Equal(404, error.Status);
        Assert.Equal("BlobNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Head_returns_properties_or_null()
    {
        var (store, container) = await NewContainerAsync();
        var etag = await store.PutAsync(container, "h.bin", new byte[42], contentType: "application/x-test");

        var props = await store.TryGetPropertiesAsync(container, "h.bin");
        var missing = await store.TryGetPropertiesAsync(container, "missing.bin");

        Assert.NotNull(props);
        Assert.Equal(42, props.Length);
        Assert.Equal(etag, props.ETag);
        Assert.Equal("application/x-test", props.ContentType);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Create_only_put_conflicts_when_the_blob_exists_and_keeps_the_first_content()
    {
        var (store, container) = await NewContainerAsync();
        await store.PutAsync(container, "once", new byte[] { 1 }, BlobWriteCondition.CreateOnly);

        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => store.PutAsync(container, "once", new byte[] { 2 }, BlobWriteCondition.CreateOnly));

        Assert.Equal(new byte[] { 1 }, (await store.GetAsync(container, "once")).Content);
        Assert.Contains("once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_and_swap_succeeds_with_the_current_etag_and_fails_412_with_a_stale_one()
    {
        var (store, container) = await NewContainerAsync();
        var v1 = await store.PutAsync(container, "cas", new byte[] { 1 });
        var v2 = await store.PutAsync(container, "cas", new byte[] { 2 }, BlobWriteCondition.IfMatch(v1));

        await Assert.ThrowsAsync<StoragePreconditionFailedException>(
            () => store.PutAsync(container, "cas", new byte[] { 3 }, BlobWriteCondition.IfMatch(v1)));

        Assert.NotEqual(v1, v2);
        var current = await store.GetAsync(container, "cas");
        Assert.Equal(new byte[] { 2 }, current.Content);
        Assert.Equal(v2, current.Properties.ETag);
    }

    [Fact]
    public async Task Of_concurrent_compare_and_swaps_from_the_same_etag_exactly_one_wins()
    {
        var (store, container) = await NewContainerAsync();
        var v0 = await store.PutAsync(container, "race", new byte[] { 0 });

        var attempts = Enumerable.Range(1, 6).Select(async i =>
        {
            try
            {
                await store.PutAsync(container, "race", new byte[] { (byte)i }, BlobWriteCondition.IfMatch(v0));
                return i;
            }
            catch (StoragePreconditionFailedException)
            {
                return 0;
            }
        });
        var winners = (await Task.WhenAll(attempts)).Where(i => i != 0).ToList();

        var winner = Assert.Single(winners);
        Assert.Equal(new byte[] { (byte)winner }, (await store.GetAsync(container, "race")).Content);
    }

    [Fact]
    public async Task Writers_that_append_at_the_observed_length_and_retry_on_412_never_lose_or_duplicate_a_block()
    {
        var (store, container) = await NewContainerAsync();
        await store.CreateAppendBlobAsync(container, "journal");

        async Task WriterAsync(char id)
        {
            for (var n = 0; n < 3; n++)
            {
                var block = Encoding.ASCII.GetBytes($"{id}{n};");
                while (true)
                {
                    var length = (await store.TryGetPropertiesAsync(container, "journal"))!.Length;
                    try
                    {
                        await store.AppendBlockAsync(container, "journal", block, expectedAppendPosition: length);
                        break;
                    }
                    catch (StoragePreconditionFailedException)
                    {
                        // Someone appended first: re-read the length and try again.
                    }
                }
            }
        }

        await Task.WhenAll(WriterAsync('a'), WriterAsync('b'), WriterAsync('c'));

        var records = Encoding.ASCII.GetString((await store.GetAsync(container, "journal")).Content).Split(';', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(9, records.Length);
        Assert.Equal(["a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2"], records.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_follows_next_marker_across_pages_when_there_are_more_blobs_than_max_results()
    {
        var (store, container) = await NewContainerAsync();
        var names = Enumerable.Range(0, 7).Select(i => $"p/{i:D2}").ToList();
        foreach (var name in names)
        {
            await store.PutAsync(container, name, new byte[] { (byte)name.Length });
        }

        await store.PutAsync(container, "other/x", new byte[] { 9 });

        var seen = new List<string>();
        var pages = 0;
        string? marker = null;
        do
        {
            var page = await store.ListPageAsync(container, "p/", marker, maxResults: 3);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(b => b.Name));
            marker = page.NextMarker;
            pages++;
        }
        while (marker is not null);

        Assert.Equal(3, pages);
        Assert.Equal(names, seen);
        Assert.Equal(names, (await store.ListAsync(container, "p/").ToListAsync()).Select(b => b.Name));
        Assert.Equal(8, (await store.ListAsync(container, null).ToListAsync()).Count);
    }

    [Fact]
    public async Task Delete_returns_true_then_false_and_honours_if_match()
    {
        var (store, container) = await NewContainerAsync();
        var etag = await store.PutAsync(container, "d", new byte[] { 1 });
        await store.PutAsync(container, "d", new byte[] { 2 });

        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => store.DeleteAsync(container, "d", etag));
        Assert.True(await store.DeleteAsync(container, "d"));
        Assert.False(await store.DeleteAsync(container, "d"));
        Assert.Null(await store.TryGetPropertiesAsync(container, "d"));
    }

    [Fact]
    public async Task Append_blob_appends_at_expected_positions_and_rejects_a_stale_position_with_412()
    {
        var (store, container) = await NewContainerAsync();
        await store.CreateAppendBlobAsync(container, "log");

        var first = await store.AppendBlockAsync(container, "log", "abc"u8.ToArray(), expectedAppendPosition: 0);
        var second = await store.AppendBlockAsync(container, "log", "de"u8.ToArray(), expectedAppendPosition: 3);
        var stale = await Assert.ThrowsAsync<StoragePreconditionFailedException>(
            () => store.AppendBlockAsync(container, "log", "zz"u8.ToArray(), expectedAppendPosition: 3));
        var unconditional = await store.AppendBlockAsync(container, "log", "f"u8.ToArray());

        Assert.Equal(0, first);
        Assert.Equal(3, second);
        Assert.Equal(5, unconditional);
        Assert.Equal(412, stale.Status);
        var download = await store.GetAsync(container, "log");
        Assert.Equal("abcdef", Encoding.ASCII.GetString(download.Content));
        Assert.Equal("AppendBlob", download.Properties.BlobType);
    }

    [Fact]
    public async Task Create_only_append_blob_conflicts_when_it_exists()
    {
        var (store, container) = await NewContainerAsync();
        await store.CreateAppendBlobAsync(container, "log");
        await store.AppendBlockAsync(container, "log", "x"u8.ToArray());

        await Assert.ThrowsAsync<StorageConflictException>(() => store.CreateAppendBlobAsync(container, "log"));
        Assert.Equal("x", Encoding.ASCII.GetString((await store.GetAsync(container, "log")).Content));
    }

    [Fact]
    public async Task Appending_to_a_missing_blob_is_typed_not_found()
    {
        var (store, container) = await NewContainerAsync();
        await Assert.ThrowsAsync<StorageNotFoundException>(() => store.AppendBlockAsync(container, "none", "x"u8.ToArray(), 0));
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("ab")]
    [InlineData("a--b")]
    [InlineData("-ab")]
    public async Task Invalid_container_names_are_rejected_before_any_request(string container)
    {
        var error = await Assert.ThrowsAsync<Tessera.Core.Errors.TesseraValidationException>(() => Store.CreateContainerIfNotExistsAsync(container));
        Assert.Equal("container", error.Field);
    }

    [Theory]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("bad\\name")]
    [InlineData("ctl\u0001")]
    public async Task Invalid_blob_names_are_rejected_before_any_request(string name)
    {
        var error = await Assert.ThrowsAsync<Tessera.Core.Errors.TesseraValidationException>(() => Store.PutAsync("valid", name, new byte[] { 1 }));
        Assert.Equal("blob name", error.Field);
    }
}
