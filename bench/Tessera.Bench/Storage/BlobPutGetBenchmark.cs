using Tessera.Storage;
using Tessera.Storage.Blobs;
using Tessera.Storage.Local;

namespace Tessera.Bench.Storage;

/// <summary>
/// Blob put then get of 1,000 objects of 1 KiB against a freshly started in-memory Azurite (loopback),
/// sequentially and with 8 requests in flight, through BlobStore on Azure.Storage.Blobs. Every download is checked byte
/// for byte. Puts are unconditional (retried by the SDK's policy), as before the move to the SDK.
/// </summary>
public sealed class BlobPutGetBenchmark : IBenchmark
{
    private const int Count = 1000;
    private const int ObjectSize = 1024;
    private const int WarmUp = 300;

    public string Name => "storage-blob-putget";

    public string Description => $"Blob put + get of {Count} x {ObjectSize} B objects on Azurite, sequential and 8 concurrent; then create-only puts";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var azurite = await AzuriteLauncher.StartAsync();
        var blobs = StorageAccount.FromConnectionString(azurite.ConnectionString).Blobs;
        const string container = "bench";
        await blobs.CreateContainerIfNotExistsAsync(container);
        var payloads = new byte[Count][];
        for (var i = 0; i < Count; i++)
        {
            payloads[i] = new byte[ObjectSize];
            new Random(i).NextBytes(payloads[i]);
        }

        context.Out.WriteLine($"  data: {Count} objects x {ObjectSize} B, Azurite in memory on 127.0.0.1, Azure.Storage.Blobs, Shared Key auth");

        // Warm-up (connections, JIT up to the optimized tier), not measured.
        for (var i = 0; i < WarmUp; i++)
        {
            await blobs.PutAsync(container, $"warm/{i}", payloads[i]);
            await blobs.GetAsync(container, $"warm/{i}");
            await blobs.PutAsync(container, $"warm-once/{i}", payloads[i], BlobWriteCondition.CreateOnly);
        }

        foreach (var concurrency in new[] { 1, 8 })
        {
            var prefix = $"c{concurrency}/";
            await LatencyRecorder.MeasureAsync(context, $"put (concurrency {concurrency})", Count, concurrency,
                i => blobs.PutAsync(container, prefix + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), payloads[i]));
            await LatencyRecorder.MeasureAsync(context, $"get (concurrency {concurrency})", Count, concurrency, async i =>
            {
                var download = await blobs.GetAsync(container, prefix + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
                if (!download.Content.AsSpan().SequenceEqual(payloads[i]))
                {
                    throw new InvalidOperationException($"blob {prefix}{i} came back different");
                }
            });
        }

        // The run-artifact write path: create-only (If-None-Match: *), a single attempt (StorageRetrySettings).
        foreach (var concurrency in new[] { 1, 8 })
        {
            var prefix = $"once{concurrency}/";
            await LatencyRecorder.MeasureAsync(context, $"put create-only (concurrency {concurrency})", Count, concurrency,
                i => blobs.PutAsync(container, prefix + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), payloads[i], BlobWriteCondition.CreateOnly));
        }
    }
}
