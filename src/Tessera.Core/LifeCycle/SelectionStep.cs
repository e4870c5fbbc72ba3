using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Selection;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// One decision of the final ranking over the HTR survivors: the recruited candidate it is about (index into the
/// step's input), its rank-sum score and cluster, its rank (1 = best), whether it was kept, and why.
/// </summary>
public sealed record RankedAtom(int Candidate, double Score, int Cluster, int Rank, bool Selected, string Reason);

/// <summary>
/// What natural selection decided: the pipeline's result (stage used, stage outcomes, audit trail), the final
/// ranking (one decision per survivor, best first), the indices of the kept candidates in rank order, and how many
/// candidates were considered.
/// </summary>
public sealed record SelectionOutcome(SelectionResult Pipeline, IReadOnlyList<RankedAtom> Ranking, IReadOnlyList<int> Selected, int Considered);

/// <summary>
/// Step 3 of the atomic life cycle, natural selection: every recruited (asset, direction) becomes a selection
/// candidate from its return column and average dollar volume (momentum 12-1, quality, low volatility factors);
/// the HTR relaxation loop of <see cref="SelectionPipeline"/> keeps the survivors; the survivors are ranked by
/// score (ties by key) and the best <c>topN</c> are kept, one direction per asset (opposite atoms would net out).
/// Fewer than <c>minimumCandidates</c> candidates in, or distinct assets out, is a typed error.
/// </summary>
public static class SelectionStep
{
    /// <summary>The selection rule as recorded in selection/selection.json and the report.</summary>
    public const string Rule = "htr rank-sum (alpha=momentum 12-1 rank, quality logistic, lowvol z-score), top N";

    public static SelectionOutcome Run(
        IReadOnlyList<RecruitedCandidate> candidates,
        IReadOnlyList<string> symbols,
        IReadOnlyList<double[]> returns,
        IReadOnlyList<double> averageDollarVolume,
        int topN,
        int momentumLookbackDays,
        int momentumSkipDays,
        int minimumCandidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(averageDollarVolume);
        if (candidates.Count < minimumCandidates)
        {
            throw new TesseraValidationException(
                "selection.candidates",
                candidates.Count.ToString(CultureInfo.InvariantCulture),
                $"the selection floor needs at least {minimumCandidates} candidates");
        }

        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            column[symbols[i]] = i;
        }

        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var pool = new List<SelectionCandidate>(candidates.Count);
        for (var k = 0; k < candidates.Count; k++)
        {
            var c = candidates[k];
            if (!column.TryGetValue(c.Symbol, out var j))
            {
                throw new TesseraValidationException("selection.candidates", c.Symbol, "every candidate must be an asset of the market frame");
            }

            var built = CandidateBuilder.FromReturns([c.Symbol], [returns[j]], [averageDollarVolume[j]], [c.Direction], momentumLookbackDays, momentumSkipDays)[0];
            pool.Add(built);
            byKey[built.Key] = k;
        }

        var result = new SelectionPipeline(new HtrConfig { Factors = CandidateBuilder.DefaultFactors, MinCandidates = minimumCandidates }).Run(pool);
        var ranked = new List<SelectedCandidate>(result.Selected);
        ranked.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(a.Candidate.Key, b.Candidate.Key);
        });

        var decisions = new List<RankedAtom>(ranked.Count);
        var selected = new List<int>(topN);
        var selectedSymbols = new HashSet<string>(StringComparer.Ordinal);
        var rank = 0;
        foreach (var s in ranked)
        {
            rank++;
            var index = byKey[s.Candidate.Key];
            string reason;
            var take = false;
            if (selected.Count >= topN)
            {
                reason = $"rank {rank} beyond top {topN}";
            }
            else if (!selectedSymbols.Add(candidates[index].Symbol))
            {
                reason = "opposite direction of this asset already selected";
            }
            else
            {
                reason = $"HTR stage {result.StageUsed}, rank-sum rank {rank}";
                take = true;
                selected.Add(index);
            }

            decisions.Add(new RankedAtom(index, s.Score, s.Cluster, rank, take, reason));
        }

        if (selected.Count < minimumCandidates)
        {
            throw new TesseraValidationException(
                "selection.selected",
                selected.Count.ToString(CultureInfo.InvariantCulture),
                $"fewer than {minimumCandidates} distinct assets survived selection ({result.Reason})");
        }

        return new SelectionOutcome(result, decisions, selected, pool.Count);
    }
}
