using Tessera.Storage.Errors;
using Tessera.Storage.Tables;
using Tessera.Testing;
using Xunit;

namespace Tessera.Storage.Tests.Tables;

/// <summary>The run index table on Azurite: create-only accepted rows, compare-and-swap, status filter and paging.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunIndexTableTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Rows_are_inserted_once_swapped_by_etag_and_paged_by_status()
    {
        var table = new RunIndexTable(new TableStore(azurite.ConnectionString));
        var prefix = "rix-" + Guid.NewGuid().ToString("N")[..8] + "-";
        Assert.True(await table.TryInsertAsync(new RunIndexRow { RowKey = prefix + "a", Profile = "compact", Status = "Pending" }));
        Assert.False(await table.TryInsertAsync(new RunIndexRow { RowKey = prefix + "a", Profile = "other", Status = "Pending" }));
        var row = (await table.GetAsync(prefix + "a"))!;
        Assert.Equal(("compact", "sandbox"), (row.Profile, row.Governance));

        var stale = row.ETag;
        row.Status = "Completed";
        await table.PutAsync(row, stale);
        row.Status = "Failed";
        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => table.PutAsync(row, stale));
        Assert.Equal("Completed", (await table.GetAsync(prefix + "a"))!.Status);

        for (var i = 0; i < 3; i++)
        {
            await table.PutAsync(new RunIndexRow { RowKey = prefix + "b" + i, Profile = "compact", Status = "Completed" }, null);
        }

        var seen = new List<string>();
        string? continuation = null;
        do
        {
            var page = await table.PageAsync("Completed", continuation, 2);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(r => r.RowKey).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        Assert.Equal([prefix + "a", prefix + "b0", prefix + "b1", prefix + "b2"], seen);
        Assert.Null(await table.GetAsync(prefix + "missing"));
    }
}
