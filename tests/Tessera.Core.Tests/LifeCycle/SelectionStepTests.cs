using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class SelectionStepTests
{
    // Three factor blocks over 300 days, white-noise-like (so the HTR loop needs its alpha fallback, which keeps the
    // best 30 by score), each asset recruited LONG and SHORT.
    private static (string[] Symbols, double[][] Returns, double[] Adv, List<RecruitedCandidate> Candidates) Market(int assets = 31)
    {
        var rng = new DeterministicRandom(11);
        var symbols = new string[assets];
        var returns = new double[assets][];
        var adv = new double[assets];
        for (var j = 0; j < assets; j++)
        {
            symbols[j] = "X:S" + j.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            returns[j] = new double[300];
            adv[j] = 1e8;
        }

        for (var t = 0; t < 300; t++)
        {
            var f = new[] { rng.NextNormal(), rng.NextNormal(), rng.NextNormal() };
            for (var j = 0; j < assets; j++)
            {
                returns[j][t] = 0.01 * (f[j % 3] + (0.4 * rng.NextNormal()) + (0.0005 * j));
            }
        }

        var candidates = new List<RecruitedCandidate>();
        foreach (var s in symbols)
        {
            candidates.Add(new RecruitedCandidate(s, "X", Side.Long));
            candidates.Add(new RecruitedCandidate(s, "X", Side.Short));
        }

        return (symbols, returns, adv, candidates);
    }

    private static SelectionOutcome Select(int topN, int assets = 31)
    {
        var (symbols, returns, adv, candidates) = Market(assets);
        return SelectionStep.Run(candidates, symbols, returns, adv, topN, 252, 21, 15);
    }

    [Theory]
    [InlineData(16, 31)]
    [InlineData(40, 31)]
    [InlineData(20, 15)]
    public void The_ranking_is_by_score_and_keeps_the_top_n_with_one_direction_per_asset(int topN, int assets)
    {
        var (_, _, _, candidates) = Market(assets);
        var outcome = Select(topN, assets);

        Assert.Equal(candidates.Count, outcome.Considered);
        Assert.Equal(Enumerable.Range(1, outcome.Ranking.Count), outcome.Ranking.Select(r => r.Rank));
        for (var k = 1; k < outcome.Ranking.Count; k++)
        {
            Assert.True(outcome.Ranking[k - 1].Score >= outcome.Ranking[k].Score);
        }

        // Walk the ranking: the first topN distinct assets are kept, a second direction of a kept asset is not.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<int>();
        foreach (var r in outcome.Ranking)
        {
            var symbol = candidates[r.Candidate].Symbol;
            var expected = kept.Count >= topN ? $"rank {r.Rank} beyond top {topN}"
                : seen.Contains(symbol) ? "opposite direction of this asset already selected"
                : $"HTR stage {outcome.Pipeline.StageUsed}, rank-sum rank {r.Rank}";
            Assert.Equal(expected, r.Reason);
            Assert.Equal(expected.StartsWith("HTR", StringComparison.Ordinal), r.Selected);
            if (r.Selected)
            {
                seen.Add(symbol);
                kept.Add(r.Candidate);
            }
        }

        Assert.Equal(kept, outcome.Selected);
        Assert.Equal(Math.Min(topN, seen.Count), outcome.Selected.Count);
    }

    [Fact]
    public void Candidates_beyond_the_top_n_are_ranked_but_not_kept()
    {
        var outcome = Select(16);
        Assert.Equal(30, outcome.Ranking.Count);
        Assert.Equal(16, outcome.Selected.Count);
        Assert.Equal("rank 17 beyond top 16", outcome.Ranking[16].Reason);
        Assert.Equal("rank 30 beyond top 16", outcome.Ranking[29].Reason);
    }

    [Fact]
    public void When_both_directions_of_an_asset_survive_only_the_better_ranked_one_is_kept()
    {
        // 15 assets x 2 directions = 30 candidates: the alpha fallback keeps all of them, so every asset is ranked twice.
        var (_, _, _, candidates) = Market(15);
        var outcome = Select(20, assets: 15);
        Assert.Equal(30, outcome.Ranking.Count);
        Assert.Equal(15, outcome.Ranking.Count(r => r.Reason == "opposite direction of this asset already selected"));
        Assert.Equal(15, outcome.Selected.Select(i => candidates[i].Symbol).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Too_few_candidates_in_or_distinct_assets_out_are_typed_errors_naming_the_floor()
    {
        var (symbols, returns, adv, candidates) = Market();
        var few = Assert.Throws<TesseraValidationException>(() => SelectionStep.Run(candidates.Take(14).ToList(), symbols, returns, adv, 20, 252, 21, 15));
        Assert.Equal("selection.candidates", few.Field);
        Assert.Contains("selection floor", few.Message, StringComparison.Ordinal);

        var narrow = Assert.Throws<TesseraValidationException>(() => Select(topN: 10));
        Assert.Equal("selection.selected", narrow.Field);
        Assert.Equal("10", narrow.Value);
    }

    [Fact]
    public void A_candidate_outside_the_market_frame_is_a_typed_error()
    {
        var (symbols, returns, adv, candidates) = Market();
        candidates[3] = new RecruitedCandidate("X:NONE", "X", Side.Long);
        var ex = Assert.Throws<TesseraValidationException>(() => SelectionStep.Run(candidates, symbols, returns, adv, 20, 252, 21, 15));
        Assert.Equal("X:NONE", ex.Value);
    }
}
