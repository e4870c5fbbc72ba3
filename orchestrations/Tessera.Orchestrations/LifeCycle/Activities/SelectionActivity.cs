using Tessera.Core.Contracts;
using Tessera.Orchestrations.Artifacts;
using Tessera.Core.LifeCycle;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 3, natural selection (<see cref="SelectionStep"/>): the HTR relaxation loop over the recruited candidates,
/// then the top N survivors by score, one direction per asset. Writes selection/selection.json with every decision
/// of the pipeline and of the final ranking, and the selected candidates. With the profile's <c>contracts</c> section
/// every ranked atom's rank-sum score (its alpha_score) is held to the L2 contract, [0, 1]; findings go to
/// contracts/l2_selection.json (strict fails the run; lenient records: the score is the scorer's own output, so a
/// finding means a scorer bug to look at, not data to drop).
/// </summary>
public static class SelectionActivity
{
    public static async Task<SelectionOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var recruited = await services.Artifacts.ReadJsonAsync<CandidatesArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Market!, cancellationToken).ConfigureAwait(false);
        var settings = input.Profile.Selection;
        var candidates = new List<RecruitedCandidate>(recruited.Candidates.Count);
        foreach (var c in recruited.Candidates)
        {
            candidates.Add(new RecruitedCandidate(c.Symbol, c.Exchange, c.Direction));
        }

        var outcome = SelectionStep.Run(
            candidates, market.Symbols, market.Returns, market.AverageDollarVolume,
            settings.TopN, settings.MomentumLookbackDays, settings.MomentumSkipDays, SelectionSettings.MinimumCandidates);
        var decisions = new List<AtomDecision>(outcome.Ranking.Count);
        foreach (var d in outcome.Ranking)
        {
            var c = recruited.Candidates[d.Candidate];
            decisions.Add(new AtomDecision(c.Atom, c.Symbol, c.Direction, d.Score, d.Cluster, d.Rank, d.Selected, d.Reason));
        }

        var selected = new List<Candidate>(outcome.Selected.Count);
        foreach (var index in outcome.Selected)
        {
            selected.Add(recruited.Candidates[index]);
        }

        ArtifactRecord? report = null;
        if (input.Profile.Contracts is { } contracts)
        {
            var findings = new ContractFindings(contracts.Mode);
            foreach (var d in decisions)
            {
                InferenceContract.CheckAlphaScore(d.Atom, d.Score, findings);
            }

            report = await services.Artifacts.WriteJsonAsync(
                input.RunId,
                "contracts/l2_selection.json",
                new ContractReportArtifact("L2", ContractRules.AlphaScoreRange, contracts.Mode, decisions.Count, 0, findings.Violations),
                cancellationToken).ConfigureAwait(false);
        }

        var pipeline = outcome.Pipeline;
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "selection/selection.json",
            new SelectionArtifact(SelectionStep.Rule, settings.TopN, pipeline.StageUsed, pipeline.Satisfied, pipeline.Reason, pipeline.Stages, pipeline.Decisions, decisions, selected),
            cancellationToken).ConfigureAwait(false);
        return new SelectionOutput(artifact, selected.Count, outcome.Considered, report);
    }
}
