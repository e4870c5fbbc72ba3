using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Core.Portfolio;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Portfolio;

public sealed class DenseReturnsTests
{
    private const long Day = 86_400_000;

    private static BarSeries Bars(string s, long[] days, double[] close) =>
        new(s, days.Select(d => d * Day).ToArray(), close, close, close, close, close.Select(_ => 1.0).ToArray());

    [Fact]
    public void Drops_sparse_assets_and_inner_joins_the_rest_without_zero_fill()
    {
        var a = Bars("A", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
        var b = Bars("B", [0, 1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var c = Bars("C", [0, 5, 9], [1, 1, 1]);
        var r = DenseReturns.FromBars([c, b, a]);
        Assert.Equal(["A", "B"], r.AssetIds);
        Assert.Equal(["C"], r.DroppedAssets);
        Assert.Equal(1, r.RowsDropped);
        Assert.Equal(8, r.Columns[0].Length);
        Assert.Equal((11.0 / 10) - 1, r.Columns[0][0], 15);
        Assert.Equal(1.0, r.Columns[1][0], 15);
    }

    [SharedDataFact("sp500-daily-2013-2018.csv.gz")]
    public void Every_engine_allocates_the_SP500_universe_within_its_invariants()
    {
        using var stream = File.OpenRead(SharedData.Path_("sp500-daily-2013-2018.csv.gz"));
        var bars = BarCsvImporter.Import(stream, new BarImportOptions { Mode = ImportMode.Lenient, Source = "sp500" }).Series;
        // 470 members have all 1,259 days; a 0.5% gap allowance keeps the near-complete ones too.
        var dense = DenseReturns.FromBars(bars.ToList(), 0.005);
        Assert.InRange(dense.AssetIds.Count, 470, 480);
        Assert.InRange(dense.Columns[0].Length, 1240, 1258);
        var cov = new LedoitWolfEstimator().Estimate(dense.Columns);
        foreach (var optimizer in Optimizer.All)
        {
            var problem = new AllocationProblem { AssetIds = dense.AssetIds, Covariance = cov, Returns = dense.Columns, Constraints = new AllocationConstraints { MaxWeight = 0.05 } };
            IAllocator engine = optimizer == Optimizer.Herc ? new HierarchicalEqualRiskAllocator { ClusterCount = 10 } : optimizer.CreateAllocator();
            var result = new AllocationPolicy().Allocate(engine, problem);
            Assert.Equal(1.0, result.Weights.Sum(), 8);
            Assert.All(result.Weights, w => Assert.InRange(w, 0.0, 0.05 + 1e-9));
            Assert.Equal(1.0, result.RiskContributions.Sum(), 8);
        }
    }
}
