using System.Diagnostics;
using Tessera.Core;
using Tessera.Core.Data.Import;
using Tessera.Core.Portfolio;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Core.Portfolio.Selection;
using Tessera.Testing;

namespace Tessera.Bench.Portfolio;

/// <summary>
/// Estimators, every engine and one selection + allocation fan-out on the S&amp;P 500 daily data
/// (../shared/data/sp500-daily-2013-2018.csv.gz), ms per call (wall and process CPU).
/// </summary>
public sealed class SpPortfolioBenchmark : IBenchmark
{
    public string Name => "portfolio-sp500";

    public string Description => "estimators, engines and selection+allocation fan-out on the S&P 500 daily data";

    public async Task RunAsync(BenchContext context)
    {
        var path = SharedData.TryPath("sp500-daily-2013-2018.csv.gz");
        if (path is null)
        {
            context.Out.WriteLine("  skipped: ../shared/data/sp500-daily-2013-2018.csv.gz not found");
            return;
        }

        await using var stream = File.OpenRead(path);
        var bars = BarCsvImporter.Import(stream, new BarImportOptions { Mode = ImportMode.Lenient, Source = "sp500" }).Series.ToList();
        var dense = DenseReturns.FromBars(bars, 0.005);
        var n = dense.AssetIds.Count;
        context.Out.WriteLine($"  data: {bars.Count} symbols imported; density rule kept {n} assets x {dense.Columns[0].Length} daily returns (dropped {dense.DroppedAssets.Count} assets, {dense.RowsDropped} calendar rows)");

        foreach (var est in new ICovarianceEstimator[] { new SampleCovarianceEstimator(), new LedoitWolfEstimator(), new EwmaCovarianceEstimator() })
        {
            Measure(context, $"estimator {est.Name} ({n} x {dense.Columns[0].Length})", 3, () => est.Estimate(dense.Columns));
        }

        var lw = new LedoitWolfEstimator().Estimate(dense.Columns);
        var sample = new SampleCovarianceEstimator().Estimate(dense.Columns);
        Measure(context, "conditioning (Cholesky + Lanczos kappa, ridge) on sample covariance", 3, () => CovarianceConditioning.Prepare(sample));
        var report = CovarianceConditioning.Prepare(sample);
        context.Out.WriteLine($"  sample covariance kappa {report.ConditionBefore:G6}, ridge lambda {report.RidgeLambda:G4} -> kappa {report.ConditionAfter:G6}");
        Measure(context, "expected returns historical + EWMA", 3, () => { ExpectedReturns.Historical(dense.Columns); ExpectedReturns.Ewma(dense.Columns); });

        var mu = ExpectedReturns.Historical(dense.Columns);
        foreach (var (label, engine) in Engines())
        {
            foreach (var (cLabel, constraints) in new[] { ("long-only", AllocationConstraints.None), ("max-weight 0.05", new AllocationConstraints { MaxWeight = 0.05 }) })
            {
                var problem = new AllocationProblem { AssetIds = dense.AssetIds, Covariance = lw, Returns = dense.Columns, ExpectedReturns = mu, Constraints = constraints };
                Measure(context, $"engine {label} N={n} LW {cLabel}", 3, () => engine.Allocate(problem));
            }
        }

        var hercGap = new AllocationProblem { AssetIds = dense.AssetIds, Covariance = lw, Returns = dense.Columns };
        Measure(context, $"engine herc(K by gap statistic, 10 reference draws, K<=10) N={n} LW long-only", 1, () => new HierarchicalEqualRiskAllocator().Allocate(hercGap));
        context.Out.WriteLine("  " + new HierarchicalEqualRiskAllocator().Allocate(hercGap).Diagnostics[0]);

        // One full selection + allocation fan-out: candidates (LONG and SHORT for every symbol), HTR loop, then every engine in parallel on the selected atoms.
        var sw = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var candidates = CandidateBuilder.FromBars(bars, [Side.Long, Side.Short]);
        var selection = new SelectionPipeline(new HtrConfig { Factors = CandidateBuilder.DefaultFactors }).Run(candidates);
        var selectedIds = selection.Selected.Select(s => s.Candidate.Key).ToArray();
        var selectedReturns = selection.Selected.Select(s => s.Candidate.Returns.Select(r => double.IsNaN(r) ? 0.0 : (s.Candidate.Direction == Side.Short ? -Math.Min(r, 1.0) : r)).ToArray()).ToArray();
        var rows = selectedReturns[0].Length;
        var selectionMs = sw.Elapsed.TotalMilliseconds;
        var fanOut = Engines().Select(e => e.Label.StartsWith("herc", StringComparison.Ordinal) ? (Label: e.Label, Engine: (IAllocator)new HierarchicalEqualRiskAllocator()) : e).Select(e => Task.Run(() => new AllocationPolicy().Allocate(e.Engine, new AllocationProblem { AssetIds = selectedIds, Returns = selectedReturns, CovarianceEstimator = new LedoitWolfEstimator() }))).ToArray();
        var results = await Task.WhenAll(fanOut);
        context.Report($"selection ({candidates.Count} candidates, stage {selection.StageUsed}, {selection.Selected.Count} selected) + {results.Length}-engine parallel fan-out (HERC with gap statistic) on {selectedIds.Length} atoms x {rows} rows, wall", sw.Elapsed.TotalMilliseconds, "ms");
        context.Report("  of which selection", selectionMs, "ms");
        context.Report("  process CPU for the whole fan-out", (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, "ms");
    }

    private static IEnumerable<(string Label, IAllocator Engine)> Engines()
    {
        yield return ("ew", new EqualWeightAllocator());
        yield return ("ivol", new InverseVolatilityAllocator());
        yield return ("minvar", new MinimumVarianceAllocator());
        yield return ("maxsharpe", new MaximumSharpeAllocator());
        yield return ("erc", new RiskBudgetingAllocator());
        yield return ("hrp", new HierarchicalRiskParityAllocator());
        yield return ("herc(K=10)", new HierarchicalEqualRiskAllocator { ClusterCount = 10 });
    }

    private static void Measure(BenchContext context, string label, int repeats, Action action)
    {
        action();
        var wall = new double[repeats];
        var cpu = new double[repeats];
        var process = Process.GetCurrentProcess();
        for (var r = 0; r < repeats; r++)
        {
            process.Refresh();
            var c0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            action();
            wall[r] = sw.Elapsed.TotalMilliseconds;
            process.Refresh();
            cpu[r] = (process.TotalProcessorTime - c0).TotalMilliseconds;
        }

        Array.Sort(wall);
        Array.Sort(cpu);
        context.Out.WriteLine($"  {label}: wall {wall[repeats / 2]:F1} ms, process CPU {cpu[repeats / 2]:F1} ms (median of {repeats})");
    }
}
