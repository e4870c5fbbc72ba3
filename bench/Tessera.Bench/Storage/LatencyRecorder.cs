using System.Diagnostics;

namespace Tessera.Bench.Storage;

/// <summary>Runs <paramref name="count"/> operations with bounded concurrency and reports throughput, latency and client CPU per operation.</summary>
internal static class LatencyRecorder
{
    public static async Task MeasureAsync(BenchContext context, string label, int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
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
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        Array.Sort(latencies);
        context.Report($"{label} throughput", count / wall.Elapsed.TotalSeconds, "ops/s");
        context.Report($"{label} mean latency", latencies.Average(), "ms");
        context.Report($"{label} p50 latency", latencies[count / 2], "ms");
        context.Report($"{label} p95 latency", latencies[(int)(count * 0.95)], "ms");

        // CPU time of this process (the client; Azurite is another process) per operation: unlike the latencies,
        // it hardly depends on what else the machine is running.
        context.Report($"{label} client CPU", cpu.TotalMicroseconds / count, "us/op");
    }
}
