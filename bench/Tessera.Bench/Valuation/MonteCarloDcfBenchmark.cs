using System.Diagnostics;
using Tessera.Core.Determinism;
using Tessera.Core.Valuation;

namespace Tessera.Bench.Valuation;

/// <summary>
/// The Monte Carlo DCF at the seed's 10,000 paths (issue 16's goal: under 50 ms for one ticker) and over a 500-ticker
/// universe of seeded company figures: ms per valuation (median of repeats after a warm-up) and the universe's total.
/// </summary>
public sealed class MonteCarloDcfBenchmark : IBenchmark
{
    private const int Paths = 10_000;
    private const int Tickers = 500;
    private const int Repeats = 21;

    public string Name => "valuation-dcf";

    public string Description => "Monte Carlo DCF: 10,000 paths for one ticker (median of 21) and 500 tickers (median of 3 universe passes), ms";

    public Task RunAsync(BenchContext context)
    {
        var assumptions = new DcfAssumptions(new NormalInput(0.06, 0.03), new NormalInput(0.15, 0.04), new NormalInput(0.09, 0.015), Paths: Paths);
        var company = new DcfCompany(Revenue: 10e9, NetDebt: 2e9, Shares: 500e6, Price: 40);
        MonteCarloDcf.Value(company, assumptions);
        var times = new double[Repeats];
        var allocated = 0L;
        for (var r = 0; r < Repeats; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            MonteCarloDcf.Value(company, assumptions with { Seed = (ulong)r + 1 });
            times[r] = sw.Elapsed.TotalMilliseconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Array.Sort(times);
        context.Report($"one ticker, {Paths:N0} paths (median of {Repeats})", times[Repeats / 2], "ms");
        context.Report($"one ticker, {Paths:N0} paths (best of {Repeats})", times[0], "ms");
        context.Report("bytes allocated per valuation", allocated, "B");

        var universe = Universe();
        var passes = new double[3];
        var undervalued = 0;
        for (var pass = 0; pass < passes.Length; pass++)
        {
            undervalued = 0;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < universe.Length; i++)
            {
                if (MonteCarloDcf.Value(universe[i], assumptions with { Seed = (ulong)i + 1 }).PassesThreshold)
                {
                    undervalued++;
                }
            }

            passes[pass] = sw.Elapsed.TotalMilliseconds;
        }

        Array.Sort(passes);
        context.Report($"{Tickers} tickers x {Paths:N0} paths, one core (median of 3 passes)", passes[1], "ms");
        context.Report($"{Tickers} tickers: per ticker", passes[1] / Tickers, "ms");
        context.Report($"{Tickers} tickers: P(undervalued) >= 0.65", undervalued, "tickers");
        return Task.CompletedTask;
    }

    /// <summary>Seeded company figures: revenue 0.5-50 bn, net debt -20 %..+60 % of revenue, price around the median value.</summary>
    private static DcfCompany[] Universe()
    {
        var random = new DeterministicRandom(500);
        var companies = new DcfCompany[Tickers];
        for (var i = 0; i < Tickers; i++)
        {
            var revenue = 0.5e9 * Math.Pow(100, random.NextDouble());
            var shares = revenue / (5 + (45 * random.NextDouble()));
            var netDebt = revenue * (-0.2 + (0.8 * random.NextDouble()));
            var fair = MonteCarloDcf.Deterministic(new DcfCompany(revenue, netDebt, shares, 1), 0.06, 0.15, 0.09, 0.025, 5);
            companies[i] = new DcfCompany(revenue, netDebt, shares, Math.Max(0.5, fair * (0.7 + (0.6 * random.NextDouble()))));
        }

        return companies;
    }
}
