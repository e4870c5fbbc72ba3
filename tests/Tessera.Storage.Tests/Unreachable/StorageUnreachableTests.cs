using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Data.Tables;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;
using Tessera.Storage.Local;
using Tessera.Testing;
using Xunit;

namespace Tessera.Storage.Tests.Unreachable;

/// <summary>
/// Storage that goes away (Azurite stopped mid-way) or is not there yet (at start): every operation fails with the typed
/// <see cref="StorageUnreachableException"/> and its message, and the work resumes when the storage answers again.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageUnreachableTests(AzuriteFixture azurite)
{
    private const string Container = "runs";
    private const string Table = "ledger";

    [Fact]
    public async Task Azurite_stopped_mid_way_gives_typed_errors_and_a_restart_on_the_same_folder_has_the_data_and_takes_the_retried_write()
    {
        var location = Path.Combine(Path.GetTempPath(), "tessera-unreachable-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = await AzuriteLauncher.StartAsync(location);
            var blobPort = first.BlobPort;
            var tablePort = first.TablePort;
            var before = StorageAccount.FromConnectionString(first.ConnectionString);
            await before.Blobs.CreateContainerIfNotExistsAsync(Container);
            await before.Blobs.PutAsync(Container, "run-1/a.json", "{\"a\":1}"u8.ToArray(), BlobWriteCondition.CreateOnly, "application/json");
            await before.Tables.CreateTableIfNotExistsAsync(Table);
            await before.Tables.InsertAsync(Table, new TableEntity("run-1", "step-1") { ["Status"] = "done" });

            await first.DisposeAsync();

            // Mid-way: the next step's write and the reads of what exists fail with the typed error, naming the endpoint.
            var step2 = Encoding.UTF8.GetBytes("{\"b\":2}");
            var blobErrors = new[]
            {
                await Assert.ThrowsAsync<StorageUnreachableException>(() => before.Blobs.PutAsync(Container, "run-1/b.json", step2, BlobWriteCondition.CreateOnly, "application/json")),
                await Assert.ThrowsAsync<StorageUnreachableException>(() => before.Blobs.GetAsync(Container, "run-1/a.json")),
                await Assert.ThrowsAsync<StorageUnreachableException>(() => before.Blobs.ListAsync(Container, "run-1/").ToListAsync().AsTask()),
            };
            var tableErrors = new[]
            {
                await Assert.ThrowsAsync<StorageUnreachableException>(() => before.Tables.InsertAsync(Table, new TableEntity("run-1", "step-2") { ["Status"] = "done" })),
                await Assert.ThrowsAsync<StorageUnreachableException>(() => before.Tables.GetAsync<TableEntity>(Table, "run-1", "step-1")),
            };
            Assert.All(blobErrors, e => Assert.Equal($"http://127.0.0.1:{blobPort}", e.Endpoint));
            Assert.All(tableErrors, e => Assert.Equal($"http://127.0.0.1:{tablePort}", e.Endpoint));
            Assert.All(blobErrors.Concat(tableErrors), e =>
            {
                Assert.StartsWith($"storage endpoint {e.Endpoint} is not reachable (", e.Message, StringComparison.Ordinal);
                Assert.Contains("Azurite", e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(AzuriteLauncher.DevAccountKey, e.ToString(), StringComparison.Ordinal);
            });

            // Azurite back on the same folder (new ports, so a new connection string): what was written before is there,
            // the write that failed goes through when retried, and write-once still holds.
            await using var second = await AzuriteLauncher.StartAsync(location);
            var after = StorageAccount.FromConnectionString(second.ConnectionString);

            Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString((await after.Blobs.GetAsync(Container, "run-1/a.json")).Content));
            Assert.Equal("done", (await after.Tables.GetAsync<TableEntity>(Table, "run-1", "step-1"))?.GetString("Status"));
            await after.Blobs.PutAsync(Container, "run-1/b.json", step2, BlobWriteCondition.CreateOnly, "application/json");
            await after.Tables.InsertAsync(Table, new TableEntity("run-1", "step-2") { ["Status"] = "done" });
            await Assert.ThrowsAsync<StorageConflictException>(() => after.Blobs.PutAsync(Container, "run-1/a.json", "{}"u8.ToArray(), BlobWriteCondition.CreateOnly));
            Assert.Equal(["run-1/a.json", "run-1/b.json"], (await after.Blobs.ListAsync(Container, "run-1/").ToListAsync()).Select(b => b.Name));
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    [Fact]
    public async Task Stores_built_while_storage_is_down_work_unchanged_once_it_answers_on_their_endpoint()
    {
        var blobPort = FreePort();
        var tablePort = FreePort();
        var account = StorageAccount.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteLauncher.DevAccountName};AccountKey={AzuriteLauncher.DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AzuriteLauncher.DevAccountName};TableEndpoint=http://127.0.0.1:{tablePort}/{AzuriteLauncher.DevAccountName};");
        var container = TestNames.Container("late");
        var table = TestNames.Table("late");

        // At start: nothing listens yet.
        await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Blobs.CreateContainerIfNotExistsAsync(container));
        await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Tables.CreateTableIfNotExistsAsync(table));

        // The storage comes up on the endpoint the stores already hold: the same store objects now work.
        await using (LoopbackForwarder.Start(blobPort, UpstreamPort("BlobEndpoint")))
        await using (LoopbackForwarder.Start(tablePort, UpstreamPort("TableEndpoint")))
        {
            await account.Blobs.CreateContainerIfNotExistsAsync(container);
            await account.Blobs.PutAsync(container, "x", new byte[] { 42 }, BlobWriteCondition.CreateOnly);
            await account.Tables.CreateTableIfNotExistsAsync(table);
            await account.Tables.InsertAsync(table, new TableEntity("p", "r") { ["V"] = 1 });

            Assert.Equal(new byte[] { 42 }, (await account.Blobs.GetAsync(container, "x")).Content);
            Assert.Equal(1, (await account.Tables.GetAsync<TableEntity>(table, "p", "r"))?.GetInt32("V"));
        }

        // Gone again: typed errors again, from the same stores.
        await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Blobs.GetAsync(container, "x"));
        await Assert.ThrowsAsync<StorageUnreachableException>(() => account.Tables.GetAsync<TableEntity>(table, "p", "r"));
    }

    private int UpstreamPort(string endpointKey)
    {
        var endpoint = azurite.ConnectionString.Split(';').Single(p => p.StartsWith(endpointKey + "=", StringComparison.Ordinal));
        return new Uri(endpoint[(endpointKey.Length + 1)..]).Port;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
