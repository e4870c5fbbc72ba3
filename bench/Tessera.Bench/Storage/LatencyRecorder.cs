using System.Diagnostics;

namespace Tessera.Bench.Storage;

/// <summary>Runs <paramref name="count"/> operations with bounded concurrency and reports throughput and latency.</summary>
internal static class LatencyRecorder
{
    public static async Task MeasureAsync(BenchContext context, string label, int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var start = Stopwatch.GetTimestamp();
                    await operation(i).ConfigureAwait(false);
                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        wall.Stop();
        Array.Sort(latencies);
        context.Report($"{label} throughput", count / wall.Elapsed.TotalSeconds, "ops/s");
        context.Report($"{label} mean latency", latencies.Average(), "ms");
        context.Report($"{label} p50 latency", latencies[count / 2], "ms");
        context.Report($"{label} p95 latency", latencies[(int)(count * 0.95)], "ms");
    }
}
