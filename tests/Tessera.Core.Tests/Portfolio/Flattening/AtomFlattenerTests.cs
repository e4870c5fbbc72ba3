using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Core.Portfolio.Flattening;
using Tessera.Core.Portfolio.Synthesis;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Flattening;

public sealed class AtomFlattenerTests
{
    private static readonly StrategyAtom LongA = new("A", "ibs", Side.Long);
    private static readonly StrategyAtom ShortA = new("A", "connors-rsi2", Side.Short);
    private static readonly StrategyAtom LongB = new("B", "ibs", Side.Long);

    [Fact]
    public void Longs_and_shorts_of_the_same_asset_net_out()
    {
        var w = new Dictionary<string, double>(StringComparer.Ordinal) { [LongA.Key] = 0.4, [ShortA.Key] = 0.1, [LongB.Key] = 0.5 };
        var r = AtomFlattener.Flatten(w, [LongA, ShortA, LongB]);
        var a = r.Positions.Single(p => p.AssetId == "A");
        Assert.Equal(0.4, a.LongWeight);
        Assert.Equal(0.1, a.ShortWeight);
        Assert.Equal(0.3, a.NetWeight, 15);
        Assert.Equal(0.1, a.Netted, 15);
        Assert.Equal(0.8, r.GrossExposure, 15);
        Assert.Contains(r.Notes, n => n.StartsWith("netted 0.1", StringComparison.Ordinal));
    }

    [Fact]
    public void Caps_are_reapplied_after_netting_and_the_excess_stays_in_cash()
    {
        var w = new Dictionary<string, double>(StringComparer.Ordinal) { [LongA.Key] = 0.4, [ShortA.Key] = 0.1, [LongB.Key] = 0.5 };
        var caps = new Dictionary<string, double>(StringComparer.Ordinal) { ["A"] = 0.25, ["B"] = 0.6 };
        var r = AtomFlattener.Flatten(w, [LongA, ShortA, LongB], capsByAsset: caps);
        Assert.Equal(0.25, r.Positions.Single(p => p.AssetId == "A").NetWeight);
        Assert.True(r.Positions.Single(p => p.AssetId == "A").Capped);
        Assert.Equal(0.5, r.Positions.Single(p => p.AssetId == "B").NetWeight);
        Assert.Equal(0.75, r.NetExposure, 15);
    }

    [Fact]
    public void Net_short_asset_is_capped_by_absolute_value()
    {
        var w = new Dictionary<string, double>(StringComparer.Ordinal) { [ShortA.Key] = 0.5 };
        var r = AtomFlattener.Flatten(w, [ShortA], capsByAsset: new Dictionary<string, double>(StringComparer.Ordinal) { ["A"] = 0.2 });
        Assert.Equal(-0.2, r.Positions[0].NetWeight);
    }

    [Fact]
    public void Composites_expand_into_atoms_and_risk_contributions_sum_to_one()
    {
        var pair = CompositeAtom.Pair("A", "B", "ibs");
        var w = new Dictionary<string, double>(StringComparer.Ordinal) { [pair.Name] = 0.6, [LongA.Key] = 0.4 };
        var cov = new CovarianceMatrix(2, [0.04, 0.01, 0.01, 0.09]);
        var r = AtomFlattener.Flatten(w, [LongA], [pair], covarianceAssets: ["A", "B"], covariance: cov);
        Assert.Equal(0.7, r.Positions.Single(p => p.AssetId == "A").NetWeight, 15);
        Assert.Equal(-0.3, r.Positions.Single(p => p.AssetId == "B").NetWeight, 15);

        // Hand: w = (0.7, -0.3); Sigma w = (0.025, -0.02); w' Sigma w = 0.0175 + 0.006 = 0.0235.
        Assert.Equal(0.0175 / 0.0235, r.RiskContributions["A"], 12);
        Assert.Equal(0.006 / 0.0235, r.RiskContributions["B"], 12);
    }

    [Fact]
    public void Negative_or_unknown_atom_weights_are_rejected()
    {
        Assert.Throws<TesseraValidationException>(() => AtomFlattener.Flatten(new Dictionary<string, double>(StringComparer.Ordinal) { [LongA.Key] = -0.1 }, [LongA]));
        Assert.Throws<TesseraValidationException>(() => AtomFlattener.Flatten(new Dictionary<string, double>(StringComparer.Ordinal) { ["X|y|LONG"] = 0.1 }, [LongA]));
    }
}
