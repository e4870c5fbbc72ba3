using Tessera.Core.Data;
using Tessera.Core.Indicators;

namespace Tessera.Core.Strategies;

/// <summary>Parameters of cross-sectional momentum 12-1.</summary>
public sealed record MomentumRankParameters(int Lookback = 252, int Skip = 21, RankSelection? Selection = null)
{
    public RankSelection EffectiveSelection => Selection ?? new RankSelection();
}

/// <summary>Cross-sectional momentum 12-1 (Jegadeesh-Titman style): rank by c_{t-21}/c_{t-252} - 1, long the top decile, short the bottom.</summary>
public sealed class MomentumRankStrategy : CrossSectionalRankStrategy
{
    public const string StrategyName = "momentum-12-1";

    public MomentumRankStrategy(MomentumRankParameters? parameters = null)
        : base(StrategyName, Canonical(parameters ?? new MomentumRankParameters()), (parameters ?? new MomentumRankParameters()).EffectiveSelection)
    {
        Parameters = parameters ?? new MomentumRankParameters();
    }

    public MomentumRankParameters Parameters { get; }

    public override double[] Scores(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var output = new double[bars.Count];
        Momentum.Compute(bars.Close, output, Parameters.Lookback, Parameters.Skip);
        return output;
    }

    private static string Canonical(MomentumRankParameters p)
    {
        _ = new Momentum(p.Lookback, p.Skip);
        p.EffectiveSelection.Validate();
        return p.EffectiveSelection.AppendTo(new CanonicalParameters(StrategyName).Add("lookback", p.Lookback).Add("skip", p.Skip)).ToString();
    }
}
