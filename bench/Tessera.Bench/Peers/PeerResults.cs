using System.Diagnostics;
using System.Text.Json;

namespace Tessera.Bench.Peers;

/// <summary>
/// What one Tessera side of a peer row leaves in the work folder: the timings as JSON (tessera-WORKLOAD.json, read by
/// bench/peers/compare.py) and its outputs as raw little-endian float64 (compared with the peer's).
/// </summary>
internal static class PeerResults
{
    /// <summary>Process CPU time per timed call of the last <see cref="Time(int, Action, out double)"/> (less sensitive than wall time to other processes on a loaded machine).</summary>
    public static double LastCpuSecondsPerCall { get; private set; }

    /// <summary>Runs <paramref name="action"/> once unmeasured (JIT, tiering) and then <paramref name="repeats"/> timed times.</summary>
    public static double[] Time(int repeats, Action action) => Time(repeats, action, out _);

    /// <summary>As <see cref="Time(int, Action)"/>, also giving the unmeasured first call's duration (cold JIT).</summary>
    public static double[] Time(int repeats, Action action, out double firstRunSeconds)
    {
        var first = Stopwatch.StartNew();
        action();
        firstRunSeconds = first.Elapsed.TotalSeconds;
        var seconds = new double[repeats];
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            action();
            seconds[r] = sw.Elapsed.TotalSeconds;
        }

        process.Refresh();
        LastCpuSecondsPerCall = (process.TotalProcessorTime - cpu0).TotalSeconds / repeats;
        return seconds;
    }

    public static void WriteTiming(BenchContext context, string dir, string workload, double[] seconds, double? firstRunSeconds, double cpuSecondsPerCall, IReadOnlyDictionary<string, object> extra)
    {
        var sorted = (double[])seconds.Clone();
        Array.Sort(sorted);
        var median = sorted[sorted.Length / 2];
        var doc = new Dictionary<string, object?>
        {
            ["tool"] = "tessera",
            ["workload"] = workload,
            ["seconds"] = seconds,
            ["median_s"] = median,
            ["min_s"] = sorted[0],
            ["first_run_s"] = firstRunSeconds,
            ["cpu_s_per_call"] = cpuSecondsPerCall,
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        };
        foreach (var (k, v) in extra)
        {
            doc[k] = v;
        }

        File.WriteAllText(Path.Combine(dir, $"tessera-{workload}.json"), JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
        context.Report($"{workload} median of {seconds.Length}", median, "s");
        context.Report($"{workload} process CPU per call", cpuSecondsPerCall, "s");
    }

    public static void WriteFloats(string path, IEnumerable<double[]> columns)
    {
        using var f = new BinaryWriter(File.Create(path));
        foreach (var c in columns)
        {
            foreach (var v in c)
            {
                f.Write(v);
            }
        }
    }
}
