namespace Tessera.Core.Portfolio.Selection;

/// <summary>A ranker scores candidates (higher is better); it never vetoes — filters do that.</summary>
public interface ISelectionRanker
{
    string Name { get; }

    double[] Score(IReadOnlyList<SelectionCandidate> candidates);
}

/// <summary>The rank-sum ranker over normalized factors (see <see cref="RankSumScorer"/>).</summary>
public sealed class RankSumRanker : ISelectionRanker
{
    public RankSumRanker(IReadOnlyList<ScoringFactor> factors)
    {
        Factors = factors;
    }

    public IReadOnlyList<ScoringFactor> Factors { get; }

    public string Name => "rank-sum(" + string.Join(",", Factors.Select(f => f.Name + ":" + f.Normalization)) + ")";

    public double[] Score(IReadOnlyList<SelectionCandidate> candidates) => RankSumScorer.Score(candidates, Factors);
}
