using System.Diagnostics;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Core.Indicators;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Tessera.Testing;

namespace Tessera.Bench.Signals;

/// <summary>
/// The whole indicator suite (IndicatorSuite: 21 indicators, 34 columns) over every bar of the S&amp;P 500 set,
/// single core and all cores, then a latest-bar scan of every registered strategy over the full universe.
/// One "indicator update" = one indicator object consuming one bar.
/// </summary>
public sealed class SignalsBenchmark : IBenchmark
{
    private const string File = "sp500-daily-2013-2018.csv.gz";

    public string Name => "signals";

    public string Description => "indicator suite over the S&P 500 set (1 core, all cores) and a full-universe latest-bar scan";

    public Task RunAsync(BenchContext context)
    {
        var path = SharedData.TryPath(File);
        if (path is null)
        {
            context.Out.WriteLine($"  SKIPPED: needs ../shared/data/{File}");
            return Task.CompletedTask;
        }

        IReadOnlyList<BarSeries> universe;
        using (var stream = System.IO.File.OpenRead(path))
        {
            universe = BarCsvImporter.Import(stream, new BarImportOptions { Mode = ImportMode.Lenient, Source = File }).Series;
        }

        long bars = 0;
        foreach (var s in universe)
        {
            bars += s.Count;
        }

        context.Out.WriteLine($"  data: {File}, {universe.Count} symbols, {bars} bars (lenient import)");
        var updates = (double)bars * IndicatorSuite.IndicatorsPerBar;

        // Warm-up pass (JIT, tiered compilation) is not measured.
        SuiteSingleCore(universe);
        var single = new List<double>();
        for (var r = 0; r < 3; r++)
        {
            var sw = Stopwatch.StartNew();
            SuiteSingleCore(universe);
            single.Add(sw.Elapsed.TotalSeconds);
        }

        var parallel = new List<double>();
        for (var r = 0; r < 3; r++)
        {
            var sw = Stopwatch.StartNew();
            Parallel.For(0, universe.Count, i => IndicatorSuite.Compute(universe[i]));
            parallel.Add(sw.Elapsed.TotalSeconds);
        }

        var bestSingle = single.Min();
        var bestParallel = parallel.Min();
        context.Report("suite single core, best of 3", bestSingle, "s");
        context.Report("indicator updates/s single core", updates / bestSingle, "updates/s");
        context.Report("bars/s single core (all 21 indicators per bar)", bars / bestSingle, "bars/s");
        context.Report($"suite all cores ({Environment.ProcessorCount}), best of 3", bestParallel, "s");
        context.Report("indicator updates/s all cores", updates / bestParallel, "updates/s");

        var strategies = StrategyRegistry.Default.CreateAll();
        SignalScanner.ScanLatest(universe, strategies);
        var scanTimes = new List<double>();
        IReadOnlyList<Signal> scan = [];
        for (var r = 0; r < 3; r++)
        {
            var sw = Stopwatch.StartNew();
            scan = SignalScanner.ScanLatest(universe, strategies);
            scanTimes.Add(sw.Elapsed.TotalSeconds);
        }

        context.Report($"latest-bar scan, {strategies.Count} strategies x {universe.Count} symbols (full history replay), best of 3", scanTimes.Min(), "s");
        context.Report("latest-bar scan signals", scan.Count, "signals");
        foreach (var group in scan.GroupBy(s => s.Strategy, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            context.Report("  signals from " + group.Key, group.Count(), "signals");
        }

        var overTime = Stopwatch.StartNew();
        long total = 0;
        foreach (var strategy in strategies)
        {
            total += strategy.SignalsOverTime(universe).Count;
        }

        context.Report("all signals over time, every strategy, single core", overTime.Elapsed.TotalSeconds, "s");
        context.Report("signals over time (all strategies)", total, "signals");
        return Task.CompletedTask;
    }

    private static void SuiteSingleCore(IReadOnlyList<BarSeries> universe)
    {
        for (var i = 0; i < universe.Count; i++)
        {
            IndicatorSuite.Compute(universe[i]);
        }
    }
}
