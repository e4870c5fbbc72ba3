using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Selection;
using Tessera.Core.Signals;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 3, natural selection: the HTR relaxation loop of the selection pipeline (Tessera.Core.Portfolio.Selection:
/// health, liquidity and volatility floors, permutation-entropy veto, percentile filter, rank-sum over momentum
/// 12-1 / quality / low volatility, clustering on raw returns; strict -> spectral -> cluster floor -> alpha
/// fallback), then the top N survivors by score. Only one direction per asset is kept (opposite atoms would net
/// out). Every decision of the pipeline and of the final ranking is recorded with its reason.
/// </summary>
public static class SelectionActivity
{
    public static async Task<SelectionOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var recruited = await services.Artifacts.ReadJsonAsync<CandidatesArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Market!, cancellationToken).ConfigureAwait(false);
        var settings = input.Profile.Selection;
        if (recruited.Candidates.Count < SelectionSettings.MinimumCandidates)
        {
            throw new TesseraValidationException(
                "selection.candidates",
                recruited.Candidates.Count.ToString(CultureInfo.InvariantCulture),
                $"the selection floor needs at least {SelectionSettings.MinimumCandidates} candidates");
        }

        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < market.Symbols.Length; i++)
        {
            column[market.Symbols[i]] = i;
        }

        var byKey = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var pool = new List<SelectionCandidate>(recruited.Candidates.Count);
        foreach (var c in recruited.Candidates)
        {
            var j = column[c.Symbol];
            var direction = c.Direction == "SHORT" ? SignalSide.Short : SignalSide.Long;
            var built = CandidateBuilder.FromReturns([c.Symbol], [market.Returns[j]], [market.AverageDollarVolume[j]], [direction], settings.MomentumLookbackDays, settings.MomentumSkipDays)[0];
            pool.Add(built);
            byKey[built.Key] = c;
        }

        var result = new SelectionPipeline(new HtrConfig { Factors = CandidateBuilder.DefaultFactors, MinCandidates = SelectionSettings.MinimumCandidates }).Run(pool);
        var ranked = new List<SelectedCandidate>(result.Selected);
        ranked.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(a.Candidate.Key, b.Candidate.Key);
        });

        var decisions = new List<AtomDecision>(ranked.Count);
        var selected = new List<Candidate>(settings.TopN);
        var selectedAtoms = new List<string>(settings.TopN);
        var selectedSymbols = new HashSet<string>(StringComparer.Ordinal);
        var rank = 0;
        foreach (var s in ranked)
        {
            rank++;
            var candidate = byKey[s.Candidate.Key];
            string reason;
            var take = false;
            if (selected.Count >= settings.TopN)
            {
                reason = $"rank {rank} beyond top {settings.TopN}";
            }
            else if (!selectedSymbols.Add(candidate.Symbol))
            {
                reason = "opposite direction of this asset already selected";
            }
            else
            {
                reason = $"HTR stage {result.StageUsed}, rank-sum rank {rank}";
                take = true;
                selected.Add(candidate);
                selectedAtoms.Add(candidate.Atom);
            }

            decisions.Add(new AtomDecision(candidate.Atom, candidate.Symbol, candidate.Direction, s.Score, s.Cluster, rank, take, reason));
        }

        if (selected.Count < SelectionSettings.MinimumCandidates)
        {
            throw new TesseraValidationException(
                "selection.selected",
                selected.Count.ToString(CultureInfo.InvariantCulture),
                $"fewer than {SelectionSettings.MinimumCandidates} distinct assets survived selection ({result.Reason})");
        }

        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "selection/selection.json",
            new SelectionArtifact("htr rank-sum (alpha=momentum 12-1 rank, quality logistic, lowvol z-score), top N", settings.TopN, result.StageUsed, result.Satisfied, result.Reason, result.Stages, result.Decisions, decisions, selected),
            cancellationToken).ConfigureAwait(false);
        return new SelectionOutput(artifact, selectedAtoms, pool.Count);
    }
}
