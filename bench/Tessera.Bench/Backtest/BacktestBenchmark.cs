using System.Diagnostics;
using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Data.Import;
using Tessera.Core.Strategies;
using Tessera.Core.Validation;
using Tessera.Testing;

namespace Tessera.Bench.Backtest;

/// <summary>
/// Backtest throughput on the S&amp;P 500 set (505 symbols x 1,259 days, ReferenceRun options), single thread:
/// event engine per strategy (bar evaluations = symbols x calendar bars per run), the fast tier on RSI-2, a full
/// walk-forward of RSI-2, IBS and Donchian, and a sweep of 1,000 engine parameter sets (sizing fraction x stop x time
/// stop) on the fast tier with RSI-2 signals. Signal generation is timed separately: it is the strategy's cost.
/// </summary>
public sealed class BacktestBenchmark : IBenchmark
{
    private const string File = "sp500-daily-2013-2018.csv.gz";

    public string Name => "backtest";

    public string Description => "event engine, fast tier, walk-forward and 1,000-set sweep on the S&P 500 set";

    public Task RunAsync(BenchContext context)
    {
        var path = SharedData.TryPath(File);
        if (path is null)
        {
            context.Out.WriteLine("  SKIPPED: needs ../shared/data/" + File);
            return Task.CompletedTask;
        }

        var sw = Stopwatch.StartNew();
        IReadOnlyList<Tessera.Core.Data.BarSeries> series;
        using (var stream = System.IO.File.OpenRead(path))
        {
            series = BarCsvImporter.Import(stream, new BarImportOptions { Mode = ImportMode.Lenient, Source = File }).Series;
        }

        var data = new MarketData(series);
        var bars = (double)data.SymbolCount * data.BarCount;
        context.Out.WriteLine($"  data: {File}, {data.SymbolCount} symbols x {data.BarCount} calendar bars = {bars:F0} bar evaluations per backtest (load {sw.Elapsed.TotalSeconds:F2} s)");
        var options = ReferenceRun.Options;
        var matrices = new Dictionary<string, SignalMatrix>(StringComparer.Ordinal);
        var signalTotal = 0.0;
        foreach (var name in new[] { "connors-rsi2", "ibs", "donchian-breakout" })
        {
            sw.Restart();
            var signals = StrategyRegistry.Default.Create(name).SignalsOverTime(series);
            var book = SignalBook.Create(data, signals);
            var signalSeconds = sw.Elapsed.TotalSeconds;
            signalTotal += signalSeconds;
            matrices[name] = SignalMatrix.From(data, book);
            EventBacktestEngine.Run(data, book, options); // warm-up (JIT)
            const int reps = 3;
            sw.Restart();
            BacktestResult? r = null;
            for (var i = 0; i < reps; i++)
            {
                r = EventBacktestEngine.Run(data, book, options);
            }

            var seconds = sw.Elapsed.TotalSeconds / reps;
            context.Report($"{name} signals ({signals.Count} signals)", signalSeconds, "s");
            context.Report($"{name} event engine ({r!.Trades.Count} trades)", seconds, "s per backtest");
            context.Report($"{name} event engine", bars / seconds, "bars/s");
        }

        var rsi2 = matrices["connors-rsi2"];
        FastBacktester.Run(data, rsi2, options, recordTrades: false);
        sw.Restart();
        const int fastReps = 20;
        for (var i = 0; i < fastReps; i++)
        {
            FastBacktester.Run(data, rsi2, options, recordTrades: false);
        }

        var fastSeconds = sw.Elapsed.TotalSeconds / fastReps;
        context.Report("connors-rsi2 fast tier", fastSeconds, "s per backtest");
        context.Report("connors-rsi2 fast tier", bars / fastSeconds, "bars/s");

        sw.Restart();
        var splits = 0;
        foreach (var name in new[] { "connors-rsi2", "ibs", "donchian-breakout" })
        {
            var wf = WalkForward.Run(name, data, [new StrategyCandidate(name, [], matrices[name])], options);
            splits += wf.Rows.Count;
        }

        var wfSeconds = sw.Elapsed.TotalSeconds;
        context.Report($"walk-forward 3 strategies x {splits / 3} splits (train 252, test 63; signals precomputed)", wfSeconds, "s");
        context.Report("walk-forward 3 strategies including their signal generation", wfSeconds + signalTotal, "s");

        var sets = new List<BacktestOptions>(1000);
        foreach (var fraction in new[] { 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.12 })
        {
            foreach (var stop in new double?[] { null, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.10, 0.15, 0.20 })
            {
                foreach (var time in new int?[] { null, 1, 2, 3, 4, 5, 7, 10, 15, 20 })
                {
                    sets.Add(options with { Sizer = new FixedFractionSizer(fraction), StopLossPct = stop, TimeStopBars = time, UseSignalStops = false });
                }
            }
        }

        sw.Restart();
        var checksum = 0.0;
        foreach (var set in sets)
        {
            checksum += FastBacktester.Run(data, rsi2, set, recordTrades: false).FinalEquity;
        }

        var sweepSeconds = sw.Elapsed.TotalSeconds;
        context.Report($"sweep {sets.Count} parameter sets on the fast tier (RSI-2 signals, mean final equity {checksum / sets.Count:F0})", sweepSeconds, "s");
        context.Report("sweep", sets.Count / sweepSeconds, "backtests/s");
        context.Report("sweep", sets.Count * bars / sweepSeconds, "bar evaluations/s");
        return Task.CompletedTask;
    }
}
