using Tessera.Core.Portfolio.Selection;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Selection;

public sealed class RankSumScorerTests
{
    private static SelectionCandidate C(string id, Side side, double a, double b) =>
        new(id, side, [0.01, -0.01], 1e9, new Dictionary<string, double>(StringComparer.Ordinal) { ["a"] = a, ["b"] = b });

    [Fact]
    public void Long_prefers_high_values_short_prefers_low_values_hand_computed()
    {
        // LONG: a = (1, 2, 3) ranks 0,1,2; b = (30, 20, 10) ranks 2,1,0 -> sums 2,2,2 -> scores 0.5 each.
        // SHORT: a = (1, 5) reversed ranks 1,0; b = (7, 9) reversed ranks 1,0 -> scores 1, 0.
        var candidates = new[]
        {
            C("x", Side.Long, 1, 30), C("y", Side.Long, 2, 20), C("z", Side.Long, 3, 10),
            C("x", Side.Short, 1, 7), C("y", Side.Short, 5, 9),
        };
        var factors = new[] { new ScoringFactor("a", FactorNormalization.Rank), new ScoringFactor("b", FactorNormalization.Logistic) };
        var s = RankSumScorer.Score(candidates, factors);
        Assert.Equal([0.5, 0.5, 0.5, 1.0, 0.0], s);
    }

    [Fact]
    public void Normalizations_hand_computed()
    {
        // x = (1, 2, 3): mean 2, sd 1 -> z = (-1, 0, 1).
        var logistic = RankSumScorer.Normalize([1, 2, 3], FactorNormalization.Logistic);
        Assert.Equal(1 / (1 + Math.E), logistic[0], 15);
        Assert.Equal(0.5, logistic[1], 15);
        var z = RankSumScorer.Normalize([1, 2, 3], FactorNormalization.ZScore);
        Assert.Equal(2.0 / 6, z[0], 15);
        Assert.Equal([0.0, 0.5, 0.5, 1.0], RankSumScorer.Normalize([1, 2, 2, 3], FactorNormalization.Rank));
    }
}

public sealed class RankSumRankerTests
{
    [Fact]
    public void Ranker_delegates_to_the_rank_sum_scorer_and_names_its_factors()
    {
        var factors = new[] { new ScoringFactor("a", FactorNormalization.Rank) };
        var ranker = new RankSumRanker(factors);
        var c = new[] { new SelectionCandidate("x", Side.Long, [0.0, 1.0], 1, new Dictionary<string, double>(StringComparer.Ordinal) { ["a"] = 2 }), new SelectionCandidate("y", Side.Long, [0.0, 1.0], 1, new Dictionary<string, double>(StringComparer.Ordinal) { ["a"] = 1 }) };
        Assert.Equal([1.0, 0.0], ranker.Score(c));
        Assert.Equal("rank-sum(a:Rank)", ranker.Name);
    }
}
