using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 3 (simplest correct form): score every atom by momentum 12-1 of its asset (LONG = +momentum,
/// SHORT = -momentum), keep the top N (N >= 15, the selection floor) and record every decision.
/// Ties are broken by atom name so the result is deterministic.
/// </summary>
public static class SelectionActivity
{
    public static async Task<SelectionOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var candidates = await services.Artifacts.ReadJsonAsync<CandidatesArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Market!, cancellationToken).ConfigureAwait(false);
        var settings = input.Profile.Selection;
        if (candidates.Candidates.Count < SelectionSettings.MinimumCandidates)
        {
            throw new TesseraValidationException(
                "selection.candidates",
                candidates.Candidates.Count.ToString(CultureInfo.InvariantCulture),
                $"the selection floor needs at least {SelectionSettings.MinimumCandidates} candidates");
        }

        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < market.Symbols.Length; i++)
        {
            column[market.Symbols[i]] = i;
        }

        var scored = new List<(Candidate Candidate, double Score)>(candidates.Candidates.Count);
        foreach (var c in candidates.Candidates)
        {
            var momentum = MomentumScore.Compute(market.Returns[column[c.Symbol]], settings.MomentumLookbackDays, settings.MomentumSkipDays);
            scored.Add((c, c.Direction == "SHORT" ? -momentum : momentum));
        }

        scored.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(a.Candidate.Atom, b.Candidate.Atom);
        });

        var keep = Math.Min(settings.TopN, scored.Count);
        var decisions = new List<SelectionDecision>(scored.Count);
        var selected = new List<Candidate>(keep);
        var selectedAtoms = new List<string>(keep);
        var selectedSymbols = new HashSet<string>(StringComparer.Ordinal);
        var rank = 0;
        foreach (var (candidate, score) in scored)
        {
            rank++;
            string reason;
            var take = false;
            if (selected.Count >= keep)
            {
                reason = $"rank {rank} beyond top {keep}";
            }
            else if (!selectedSymbols.Add(candidate.Symbol))
            {
                // LONG and SHORT of the same asset would net out: keep only the stronger direction.
                reason = "opposite direction of this asset already selected";
            }
            else
            {
                reason = $"momentum 12-1 rank {rank}";
                take = true;
                selected.Add(candidate);
                selectedAtoms.Add(candidate.Atom);
            }

            decisions.Add(new SelectionDecision(candidate.Atom, candidate.Symbol, candidate.Direction, score, rank, take, reason));
        }

        if (selected.Count < SelectionSettings.MinimumCandidates)
        {
            throw new TesseraValidationException(
                "selection.selected",
                selected.Count.ToString(CultureInfo.InvariantCulture),
                $"fewer than {SelectionSettings.MinimumCandidates} distinct assets survived selection");
        }

        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId, "selection/selection.json", new SelectionArtifact("momentum_12_1_top_n", keep, decisions, selected), cancellationToken).ConfigureAwait(false);
        return new SelectionOutput(artifact, selectedAtoms, scored.Count);
    }
}
