using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tessera.Core.Backtest;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Tessera.Testing;

namespace Tessera.Bench.Backtest;

/// <summary>
/// Issue 18's backtest rows, exactly: Connors RSI-2 long-only (<c>AllowShort=false</c>, the rest default) over the 505
/// S&amp;P symbols, signals + event engine (<c>strategy.SignalsOverTime(universe)</c> then
/// <c>EventBacktestEngine.Run(market, signals, ReferenceRun.Options)</c>, what <c>tessera backtest</c> runs after loading
/// the bars). Timed: the very first run in the process (JIT included; nothing of the strategy or engine has run before
/// it; run this benchmark alone for that figure to mean it), then the median of warm runs, each with the process CPU
/// time; then the parts (signals, signal book, engine on the book) and the per-bar signal path kept as the reference, so
/// the profile is in the same output. The bars and the market-data calendar are built before the clock starts.
/// Results go to bench/backtest/results/backtest-rsi2-UTC.json (or $TESSERA_BENCH_RESULTS).
/// </summary>
public sealed class Rsi2BacktestBenchmark : IBenchmark
{
    private const string File = "sp500-daily-2013-2018.csv.gz";
    private const int WarmRuns = 15;

    public string Name => "backtest-rsi2";

    public string Description => "issue 18 rows: Connors RSI-2 long-only, 505 symbols, signals + event engine, first run and warm";

    public Task RunAsync(BenchContext context)
    {
        var path = SharedData.TryPath(File);
        if (path is null)
        {
            context.Out.WriteLine("  SKIPPED: needs ../shared/data/" + File);
            return Task.CompletedTask;
        }

        var uptimeBefore = Uptime();
        IReadOnlyList<BarSeries> series;
        using (var stream = System.IO.File.OpenRead(path))
        {
            series = BarCsvImporter.Import(stream, new BarImportOptions { Mode = ImportMode.Lenient, Source = File }).Series;
        }

        var sw = Stopwatch.StartNew();
        var data = new MarketData(series);
        var marketSeconds = sw.Elapsed.TotalSeconds;
        var strategy = new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(AllowShort: false));
        var options = ReferenceRun.Options;
        var process = Process.GetCurrentProcess();

        // The first run in the process: JIT and tier-0 code included.
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        sw.Restart();
        var first = Run(strategy, series, data, options, out var signalCount);
        var firstSeconds = sw.Elapsed.TotalSeconds;
        process.Refresh();
        var firstCpu = (process.TotalProcessorTime - cpu0).TotalSeconds;

        var warm = Repeat(WarmRuns, () => Run(strategy, series, data, options, out _), out var warmCpu);
        var trades = first.Trades.Count;

        // The parts of a warm run, and the per-bar signal path the batch replaced (same signals, asserted here too).
        IReadOnlyList<Signal> signals = [];
        var signalsOnly = Repeat(WarmRuns, () => signals = strategy.SignalsOverTime(series), out var signalsCpu);
        SignalBook book = null!;
        var bookOnly = Repeat(WarmRuns, () => book = SignalBook.Create(data, signals), out var bookCpu);
        BacktestResult engineResult = null!;
        var engineOnly = Repeat(WarmRuns, () => engineResult = EventBacktestEngine.Run(data, book, options), out var engineCpu);
        IReadOnlyList<Signal> perBar = [];
        var perBarRuns = Repeat(3, () => perBar = PerBarSignals(strategy, series), out var perBarCpu);
        if (perBar.Count != signals.Count || engineResult.Trades.Count != trades)
        {
            throw new InvalidOperationException($"batch and per-bar signal paths disagree: {signals.Count} vs {perBar.Count} signals, {engineResult.Trades.Count} vs {trades} trades");
        }

        var uptimeAfter = Uptime();
        context.Out.WriteLine($"  data: {File}, {data.SymbolCount} symbols x {data.BarCount} calendar bars; market-data calendar {marketSeconds:F3} s (not timed below)");
        context.Out.WriteLine($"  strategy: {strategy.CanonicalParameters}; {signalCount} signals, {trades} trades, final equity {first.FinalEquity:R}");
        context.Report("signals + event engine, first run in the process", firstSeconds, "s");
        context.Report("signals + event engine, first run, process CPU", firstCpu, "s");
        context.Report($"signals + event engine, warm median of {WarmRuns}", Median(warm), "s");
        context.Report("signals + event engine, warm, process CPU per run", warmCpu, "s");
        context.Report("  part: signals (batch)", Median(signalsOnly), "s median");
        context.Report("  part: signal book", Median(bookOnly), "s median");
        context.Report("  part: event engine on the book", Median(engineOnly), "s median");
        context.Report("  reference: signals by the per-bar engine (before)", Median(perBarRuns), "s median");
        context.Out.WriteLine($"  uptime before: {uptimeBefore}");
        context.Out.WriteLine($"  uptime after:  {uptimeAfter}");

        var doc = new Dictionary<string, object?>
        {
            ["when_utc"] = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            ["commit"] = Environment.GetEnvironmentVariable("TESSERA_COMMIT") ?? "unknown (set TESSERA_COMMIT)",
            ["command"] = "dotnet run -c Release --no-build --project bench/Tessera.Bench -- backtest-rsi2",
            ["data"] = $"{File} (lenient import), {data.SymbolCount} symbols x {data.BarCount} calendar bars",
            ["workload"] = "connors-rsi2 AllowShort=false, SignalsOverTime(universe) + EventBacktestEngine.Run(ReferenceRun.Options)",
            ["cores_visible"] = Environment.ProcessorCount, // 1 under taskset -c 0
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            ["uptime_before"] = uptimeBefore,
            ["uptime_after"] = uptimeAfter,
            ["signals"] = signalCount,
            ["trades"] = trades,
            ["first_run_s"] = firstSeconds,
            ["first_run_cpu_s"] = firstCpu,
            ["warm_seconds"] = warm,
            ["warm_median_s"] = Median(warm),
            ["warm_cpu_s_per_run"] = warmCpu,
            ["signals_median_s"] = Median(signalsOnly),
            ["signals_cpu_s_per_run"] = signalsCpu,
            ["book_median_s"] = Median(bookOnly),
            ["book_cpu_s_per_run"] = bookCpu,
            ["engine_median_s"] = Median(engineOnly),
            ["engine_cpu_s_per_run"] = engineCpu,
            ["per_bar_signals_median_s"] = Median(perBarRuns),
            ["per_bar_signals_cpu_s_per_run"] = perBarCpu,
            ["market_data_s"] = marketSeconds,
        };
        var dir = Environment.GetEnvironmentVariable("TESSERA_BENCH_RESULTS") ?? Path.Combine(RepositoryRoot(), "bench", "backtest", "results");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"backtest-rsi2-{doc["when_utc"]}.json");
        System.IO.File.WriteAllText(file, JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
        context.Out.WriteLine("  results: " + file);
        return Task.CompletedTask;
    }

    private static BacktestResult Run(IStrategy strategy, IReadOnlyList<BarSeries> series, MarketData data, BacktestOptions options, out int signalCount)
    {
        var signals = strategy.SignalsOverTime(series);
        signalCount = signals.Count;
        return EventBacktestEngine.Run(data, signals, options);
    }

    /// <summary>The universe signals as they were produced before the batch form: the per-bar engine per series, then a
    /// stable sort by time and symbol.</summary>
    private static List<Signal> PerBarSignals(SeriesStrategy strategy, IReadOnlyList<BarSeries> series)
    {
        var all = new List<Signal>();
        foreach (var s in series)
        {
            all.AddRange(strategy.SignalsBarByBar(s));
        }

        return [.. all.OrderBy(s => s.TimestampUtcMs).ThenBy(s => s.Symbol, StringComparer.Ordinal)];
    }

    /// <summary>Wall seconds of each of <paramref name="runs"/> calls, and the process CPU seconds per call over all of them.</summary>
    private static double[] Repeat(int runs, Action action, out double cpuPerRun)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var seconds = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            seconds[i] = sw.Elapsed.TotalSeconds;
        }

        process.Refresh();
        cpuPerRun = (process.TotalProcessorTime - cpu0).TotalSeconds / runs;
        return seconds;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static string Uptime()
    {
        try
        {
            return System.IO.File.Exists("/proc/loadavg") ? "loadavg " + System.IO.File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Makefile")) && Directory.Exists(Path.Combine(dir.FullName, "bench")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
