using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Clustering;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Core.Tests.Backtest;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

/// <summary>
/// HRP on the bench-peers input (bench/Tessera.Bench/Peers/PeerInputs.cs): the daily returns of the S&amp;P 500 symbols
/// present on every date of the set, their Ledoit-Wolf covariance, against the previous implementation bit for bit.
/// </summary>
public sealed class HierarchicalRiskParitySharedDataTests
{
    [SharedDataFact(SpUniverse.File)]
    public void Sp500_ledoit_wolf_weights_match_the_previous_implementation()
    {
        var universe = SpUniverse.Series;
        var calendar = universe.Max(s => s.Count);
        var full = universe.Where(s => s.Count == calendar).ToList();
        var reference = full[0].Timestamps;
        full = full.Where(s => s.Timestamps.AsSpan().SequenceEqual(reference)).ToList();
        var returns = new double[full.Count][];
        for (var j = 0; j < full.Count; j++)
        {
            var close = full[j].Close;
            returns[j] = new double[close.Length - 1];
            for (var t = 1; t < close.Length; t++)
            {
                returns[j][t - 1] = (close[t] / close[t - 1]) - 1.0;
            }
        }

        var ids = full.Select(s => s.Symbol).ToArray();
        var cov = new LedoitWolfEstimator().Estimate(returns);
        Assert.True(cov.Size > 400, "expected the 461-asset bench matrix, got " + cov.Size);

        // The spanning tree straight from the covariance is the route taken on this data (exactly symmetric, no ties).
        Assert.NotNull(CovarianceSingleLinkage.TryBuild(cov.Values, cov.Size, CanonicalOrder.ById(ids)));
        HierarchicalRiskParityReferenceTests.AssertSame(cov, ids);
    }
}
