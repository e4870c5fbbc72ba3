using Tessera.Core.Data;
using Tessera.Core.Indicators;

namespace Tessera.Core.Strategies;

/// <summary>Parameters of the quality (inverse downside deviation) ranking.</summary>
public sealed record QualityRankParameters(int DownsidePeriod = 252, RankSelection? Selection = null)
{
    public RankSelection EffectiveSelection => Selection ?? new RankSelection();
}

/// <summary>
/// Quality proxy ranking: score = 1 / downside deviation of the last 252 daily returns (+infinity when the
/// window had no down day, which ranks first); long the top percentile, short the bottom.
/// </summary>
public sealed class QualityRankStrategy : CrossSectionalRankStrategy
{
    public const string StrategyName = "quality-downside";

    public QualityRankStrategy(QualityRankParameters? parameters = null)
        : base(StrategyName, Canonical(parameters ?? new QualityRankParameters()), (parameters ?? new QualityRankParameters()).EffectiveSelection)
    {
        Parameters = parameters ?? new QualityRankParameters();
    }

    public QualityRankParameters Parameters { get; }

    public override double[] Scores(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var output = new double[bars.Count];
        DownsideDeviation.Compute(bars.Close, output, Parameters.DownsidePeriod);
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = 1.0 / output[i];
        }

        return output;
    }

    private static string Canonical(QualityRankParameters p)
    {
        _ = new DownsideDeviation(p.DownsidePeriod);
        p.EffectiveSelection.Validate();
        return p.EffectiveSelection.AppendTo(new CanonicalParameters(StrategyName).Add("downside", p.DownsidePeriod)).ToString();
    }
}
