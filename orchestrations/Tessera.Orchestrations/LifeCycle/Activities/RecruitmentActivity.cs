using Tessera.Core.LifeCycle;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 2: canonical candidates (EXCHANGE:SYMBOL, direction) from the market frame and the profile
/// (<see cref="RecruitmentStep"/>), written to recruitment/candidates.json with the rejected assets.
/// </summary>
public static class RecruitmentActivity
{
    /// <summary>Every recruited candidate is a spot position in its asset.</summary>
    public const string AssetType = "spot";

    public static async Task<CandidatesOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var settings = input.Profile.Recruitment;
        var recruited = RecruitmentStep.Run(market.Symbols, market.Returns, settings.MinHistoryDays, settings.Directions);
        var candidates = new List<Candidate>(recruited.Candidates.Count);
        foreach (var c in recruited.Candidates)
        {
            candidates.Add(new Candidate(c.Symbol, c.Exchange, c.Direction, AssetType, new Dictionary<string, string>(StringComparer.Ordinal)));
        }

        var artifact = await services.Artifacts.WriteJsonAsync(input.RunId, "recruitment/candidates.json", new CandidatesArtifact(candidates, recruited.Rejected), cancellationToken).ConfigureAwait(false);
        return new CandidatesOutput(artifact, candidates.Count);
    }
}
