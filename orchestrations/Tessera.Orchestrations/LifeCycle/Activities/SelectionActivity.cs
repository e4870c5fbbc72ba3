using Tessera.Core.LifeCycle;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 3, natural selection (<see cref="SelectionStep"/>): the HTR relaxation loop over the recruited candidates,
/// then the top N survivors by score, one direction per asset. Writes selection/selection.json with every decision
/// of the pipeline and of the final ranking, and the selected candidates.
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

        var pipeline = outcome.Pipeline;
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "selection/selection.json",
            new SelectionArtifact(SelectionStep.Rule, settings.TopN, pipeline.StageUsed, pipeline.Satisfied, pipeline.Reason, pipeline.Stages, pipeline.Decisions, decisions, selected),
            cancellationToken).ConfigureAwait(false);
        return new SelectionOutput(artifact, selected.Count, outcome.Considered);
    }
}
