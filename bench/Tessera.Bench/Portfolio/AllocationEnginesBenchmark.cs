using System.Diagnostics;
using Tessera.Core.Portfolio.Allocation;

namespace Tessera.Bench.Portfolio;

/// <summary>Every allocation engine at N = 50/100/250/500 on a seeded factor-model covariance: ms per solve.</summary>
public sealed class AllocationEnginesBenchmark : IBenchmark
{
    public string Name => "portfolio-engines";

    public string Description => "allocation engines at N=50/100/250/500 (synthetic factor covariance), ms per solve";

    public Task RunAsync(BenchContext context)
    {
        foreach (var n in new[] { 50, 100, 250, 500 })
        {
            var cov = SyntheticCovariance.Create(n, (ulong)n);
            var mu = SyntheticCovariance.ExpectedReturns(n, (ulong)n + 1);
            var ids = SyntheticCovariance.Ids(n);
            var capped = new AllocationConstraints { MaxWeight = Math.Max(0.05, 2.0 / n) };
            foreach (var (label, engine, constraints) in Cases(capped))
            {
                var problem = new AllocationProblem { AssetIds = ids, Covariance = cov, ExpectedReturns = mu, Constraints = constraints };
                engine.Allocate(problem);
                var repeats = n >= 250 ? 3 : 10;
                var times = new double[repeats];
                for (var r = 0; r < repeats; r++)
                {
                    var sw = Stopwatch.StartNew();
                    engine.Allocate(problem);
                    times[r] = sw.Elapsed.TotalMilliseconds;
                }

                Array.Sort(times);
                context.Report($"N={n} {label} (median of {repeats})", times[repeats / 2], "ms");
            }
        }

        return Task.CompletedTask;
    }

    private static IEnumerable<(string Label, IAllocator Engine, AllocationConstraints Constraints)> Cases(AllocationConstraints capped)
    {
        yield return ("ew", new EqualWeightAllocator(), AllocationConstraints.None);
        yield return ("ivol", new InverseVolatilityAllocator(), AllocationConstraints.None);
        yield return ("minvar long-only", new MinimumVarianceAllocator(), AllocationConstraints.None);
        yield return ("minvar max-weight", new MinimumVarianceAllocator(), capped);
        yield return ("maxsharpe long-only", new MaximumSharpeAllocator(), AllocationConstraints.None);
        yield return ("maxsharpe max-weight", new MaximumSharpeAllocator(), capped);
        yield return ("erc", new RiskBudgetingAllocator(), AllocationConstraints.None);
        yield return ("hrp", new HierarchicalRiskParityAllocator(), AllocationConstraints.None);
        yield return ("herc K=10", new HierarchicalEqualRiskAllocator { ClusterCount = 10 }, AllocationConstraints.None);
    }
}
