using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Clustering;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Bench.Peers;

/// <summary>
/// The Tessera side of each row of <c>make bench-peers</c> (bench/peers/run.sh). Each is its own benchmark so the
/// driver can run Tessera and the peer back to back per row; each writes tessera-ROW.json (timings) and its outputs
/// into the work folder ($TESSERA_PEERS_DIR, default bench/peers/results/work), which peers-export fills first.
/// </summary>
public sealed class PeersExportBenchmark : IBenchmark
{
    public string Name => "peers-export";

    public string Description => "make bench-peers: export bars, the 1,258 x 468 returns and their Ledoit-Wolf covariance for the peers";

    public Task RunAsync(BenchContext context)
    {
        var inputs = PeerInputs.TryLoad(context);
        if (inputs is null)
        {
            return Task.CompletedTask;
        }

        var dir = PeerInputs.WorkDirectory();
        inputs.Export(dir);
        var cov = LedoitWolfEstimator.EstimateWithShrinkage(inputs.Returns);
        PeerResults.WriteFloats(Path.Combine(dir, "cov.bin"), [cov.Covariance.Values]);
        context.Out.WriteLine($"  exported to {dir}: {inputs.Universe.Count} symbols, {inputs.BarCount} bars; returns {inputs.Returns[0].Length} x {inputs.Returns.Length}; LW shrinkage {cov.Shrinkage:R}");
        return Task.CompletedTask;
    }
}

/// <summary>RSI14, ATR14, ADX14, MACD 12/26/9, Bollinger 20/2, SMA20, EMA20 over every bar of every symbol, one thread.</summary>
public sealed class PeersIndicatorsBenchmark : IBenchmark
{
    /// <summary>The 13 output columns, in the order of tessera-indicators.bin (and of every peer's file).</summary>
    public static readonly string[] Columns = ["rsi14", "atr14", "adx14", "plus_di14", "minus_di14", "macd", "macd_signal", "macd_hist", "bb_mid", "bb_upper", "bb_lower", "sma20", "ema20"];

    public string Name => "peers-indicators";

    public string Description => "make bench-peers row: 7 indicators over every bar, one thread (vs trading-signals, TTR)";

    public Task RunAsync(BenchContext context)
    {
        var inputs = PeerInputs.TryLoad(context);
        if (inputs is null)
        {
            return Task.CompletedTask;
        }

        var dir = PeerInputs.WorkDirectory();
        var universe = inputs.Universe;
        var total = (int)inputs.BarCount;
        var cols = new double[Columns.Length][];
        for (var c = 0; c < cols.Length; c++)
        {
            cols[c] = new double[total];
        }

        var percentB = new double[total];
        var seconds = PeerResults.Time(5, () => Run(universe, cols, percentB, FirstBarConvention.TradingView), out var first);
        var cpu = PeerResults.LastCpuSecondsPerCall;
        PeerResults.WriteFloats(Path.Combine(dir, "tessera-indicators.bin"), cols);

        // The TA-Lib/TTR first-bar convention of ATR and ADX (untimed), for the comparison with TTR.
        Run(universe, cols, percentB, FirstBarConvention.TaLibTtr);
        PeerResults.WriteFloats(Path.Combine(dir, "tessera-indicators-ttr.bin"), cols);
        var updates = total * (double)CoreIndicatorBatch.IndicatorsPerBar;
        var extra = new Dictionary<string, object>
        {
            ["bars"] = total,
            ["updates"] = updates,
            ["columns"] = Columns,
            ["kernel"] = "CoreIndicatorBatch (one recursive pass per symbol + vectorised Bollinger pass)",
        };

        // Where the time goes, per indicator, over all symbols (process CPU per pass over 3 passes, and the wall median): each indicator's
        // span batch kernel alone, and the same indicator as a streaming object fed bar by bar (the batch path before
        // the kernels, which drove one object per indicator and validated every value in each).
        foreach (var (name, batch, streaming) in IndicatorProfile.Steps(universe, cols, percentB))
        {
            var kernelWall = PeerResults.Time(3, batch).Order().ElementAt(1);
            var kernel = PeerResults.LastCpuSecondsPerCall;
            var objectsWall = PeerResults.Time(3, streaming).Order().ElementAt(1);
            var objects = PeerResults.LastCpuSecondsPerCall;
            extra["profile_kernel_" + name + "_wall_s"] = kernelWall;
            extra["profile_streaming_" + name + "_wall_s"] = objectsWall;
            extra["profile_kernel_" + name + "_s"] = kernel;
            extra["profile_streaming_" + name + "_s"] = objects;
            context.Report("  profile: " + name + " span kernel, CPU per pass", kernel * 1000, "ms");
            context.Report("  profile: " + name + " streaming object, CPU per pass", objects * 1000, "ms");
        }

        PeerResults.WriteTiming(context, dir, "indicators", seconds, first, cpu, extra);
        context.Report("indicator updates/s (median)", updates / seconds.Order().ElementAt(seconds.Length / 2), "updates/s");
        return Task.CompletedTask;
    }

    private static void Run(IReadOnlyList<BarSeries> universe, double[][] cols, double[] percentB, FirstBarConvention convention)
    {
        var offset = 0;
        foreach (var s in universe)
        {
            var n = s.Count;
            Span<double> Col(int c) => cols[c].AsSpan(offset, n);
            CoreIndicatorBatch.Compute(s.High, s.Low, s.Close, new CoreIndicatorColumns
            {
                Rsi14 = Col(0),
                Atr14 = Col(1),
                Adx14 = Col(2),
                PlusDi14 = Col(3),
                MinusDi14 = Col(4),
                Macd = Col(5),
                MacdSignal = Col(6),
                MacdHistogram = Col(7),
                BollingerMiddle = Col(8),
                BollingerUpper = Col(9),
                BollingerLower = Col(10),
                BollingerPercentB = percentB.AsSpan(offset, n),
                Sma20 = Col(11),
                Ema20 = Col(12),
            }, convention);
            offset += n;
        }
    }
}

/// <summary>Ledoit-Wolf covariance of the 1,258 x 468 returns (vs scikit-learn's ledoit_wolf).</summary>
public sealed class PeersLedoitWolfBenchmark : IBenchmark
{
    public string Name => "peers-lw";

    public string Description => "make bench-peers row: Ledoit-Wolf covariance 1,258 x 468 (vs scikit-learn)";

    public Task RunAsync(BenchContext context)
    {
        var inputs = PeerInputs.TryLoad(context);
        if (inputs is null)
        {
            return Task.CompletedTask;
        }

        var dir = PeerInputs.WorkDirectory();

        // As many threads as the process may use: 1 when the run is pinned to one core (taskset -c 0), so the "one" row is
        // the serial kernel and the "both" row the parallel one (bit-identical matrices; LedoitWolfEstimator's default is
        // serial). Outside the timed calls, the serial estimate is timed too on "both" so the two are reported apart.
        var threads = Environment.ProcessorCount;
        var seconds = PeerResults.Time(20, () => LedoitWolfEstimator.EstimateWithShrinkage(inputs.Returns, threads), out var first);
        var cpu = PeerResults.LastCpuSecondsPerCall;
        var (cov, shrinkage) = LedoitWolfEstimator.EstimateWithShrinkage(inputs.Returns, threads);
        PeerResults.WriteFloats(Path.Combine(dir, "tessera-lw.bin"), [cov.Values]);
        var extra = new Dictionary<string, object> { ["shrinkage"] = shrinkage, ["rows"] = inputs.Returns[0].Length, ["assets"] = inputs.Returns.Length, ["degree_of_parallelism"] = threads };
        if (threads > 1)
        {
            var serial = PeerResults.Time(20, () => LedoitWolfEstimator.EstimateWithShrinkage(inputs.Returns, 1)).Order().ToArray();
            extra["serial_median_s"] = serial[serial.Length / 2];
            extra["serial_cpu_s_per_call"] = PeerResults.LastCpuSecondsPerCall;
            context.Out.WriteLine($"  lw serial (1 thread) median of 20: {serial[serial.Length / 2]:G6} s, process CPU per call {PeerResults.LastCpuSecondsPerCall:G6} s");
        }

        PeerResults.WriteTiming(context, dir, "lw", seconds, first, cpu, extra);
        return Task.CompletedTask;
    }
}

/// <summary>Long-only minimum variance (budget 1, w >= 0) on the exported Ledoit-Wolf covariance (vs cvxopt).</summary>
public sealed class PeersMinVarianceBenchmark : IBenchmark
{
    public string Name => "peers-minvar";

    public string Description => "make bench-peers row: long-only minimum variance on the LW covariance (vs cvxopt)";

    public Task RunAsync(BenchContext context) => PeerPortfolio.Run(context, "minvar", new MinimumVarianceAllocator(), 10, cov => new Dictionary<string, double[]>
    {
        // Where the time goes: the conditioning (Cholesky + extreme eigenvalues) runs before the QP.
        ["profile_conditioning_s"] = PeerResults.Time(10, () => CovarianceConditioning.Prepare(cov)),
    });
}

/// <summary>HRP, single linkage, on the exported Ledoit-Wolf covariance (vs a scipy-linkage reference).</summary>
public sealed class PeersHrpBenchmark : IBenchmark
{
    public string Name => "peers-hrp";

    public string Description => "make bench-peers row: HRP single linkage on the LW covariance (vs scipy linkage reference)";

    public Task RunAsync(BenchContext context) => PeerPortfolio.Run(context, "hrp", new HierarchicalRiskParityAllocator(), 20, cov => new Dictionary<string, double[]>
    {
        // Where the time goes, each step including the ones before it: the quasi-diagonal order (covariance straight to
        // the single-linkage spanning tree, its dendrogram and leaves), then the bisection over it; the rest of the row
        // is the id order, the projection and the result's risk contributions. For scale, the distance-matrix route to
        // the same order (n x n correlation distances, then single linkage on them), which HRP no longer takes.
        ["profile_order_s"] = PeerResults.Time(20, () => HierarchicalClustering.BuildFromCovariance(cov, Linkage.Single).LeafOrder()),
        ["profile_bisection_s"] = PeerResults.Time(20, () => HierarchicalRiskParityAllocator.Bisect(cov, HierarchicalClustering.BuildFromCovariance(cov, Linkage.Single).LeafOrder())),
        ["profile_distance_matrix_route_s"] = PeerResults.Time(20, () => HierarchicalClustering.Build(CorrelationDistance.FromCovariance(cov), cov.Size, Linkage.Single).LeafOrder()),
    });
}

/// <summary>Ledoit-Wolf, then minimum variance and HRP on it, from the returns (the chain a user runs).</summary>
public sealed class PeersTotalBenchmark : IBenchmark
{
    public string Name => "peers-total";

    public string Description => "make bench-peers row: LW + min-var + HRP from the returns";

    public Task RunAsync(BenchContext context)
    {
        var inputs = PeerInputs.TryLoad(context);
        if (inputs is null)
        {
            return Task.CompletedTask;
        }

        var dir = PeerInputs.WorkDirectory();
        var ids = inputs.ReturnSymbols;
        var seconds = PeerResults.Time(10, () =>
        {
            var cov = new LedoitWolfEstimator(Environment.ProcessorCount).Estimate(inputs.Returns);
            var problem = new AllocationProblem { AssetIds = ids, Covariance = cov };
            new MinimumVarianceAllocator().Allocate(problem);
            new HierarchicalRiskParityAllocator().Allocate(problem);
        }, out var first);
        PeerResults.WriteTiming(context, dir, "total", seconds, first, PeerResults.LastCpuSecondsPerCall, new Dictionary<string, object>());
        return Task.CompletedTask;
    }
}

internal static class PeerPortfolio
{
    public static Task Run(BenchContext context, string workload, IAllocator allocator, int repeats, Func<CovarianceMatrix, Dictionary<string, double[]>> profile)
    {
        var inputs = PeerInputs.TryLoad(context);
        if (inputs is null)
        {
            return Task.CompletedTask;
        }

        var dir = PeerInputs.WorkDirectory();
        var p = inputs.ReturnSymbols.Length;
        var bytes = File.ReadAllBytes(Path.Combine(dir, "cov.bin"));
        var values = new double[p * p];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        var problem = new AllocationProblem { AssetIds = inputs.ReturnSymbols, Covariance = new CovarianceMatrix(p, values) };
        var seconds = PeerResults.Time(repeats, () => allocator.Allocate(problem), out var first);
        var cpu = PeerResults.LastCpuSecondsPerCall;
        var result = allocator.Allocate(problem);
        PeerResults.WriteFloats(Path.Combine(dir, $"tessera-{workload}.bin"), [result.Weights]);
        var extra = new Dictionary<string, object>
        {
            ["diagnostics"] = result.Diagnostics.ToArray(),
            ["polish_rounds"] = result.Solver?.PolishRounds ?? 0,
            ["iterations"] = result.Solver?.Iterations ?? 0,
        };
        foreach (var (name, times) in profile(problem.Covariance!))
        {
            var sorted = times.Order().ToArray();
            extra[name] = sorted[sorted.Length / 2];
            context.Report("  profile: " + name + " (median)", sorted[sorted.Length / 2], "s");
        }

        PeerResults.WriteTiming(context, dir, workload, seconds, first, cpu, extra);
        return Task.CompletedTask;
    }
}
