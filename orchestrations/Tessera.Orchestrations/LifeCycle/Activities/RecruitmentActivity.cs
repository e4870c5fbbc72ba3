using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 2: canonical candidates (EXCHANGE:SYMBOL, direction) from the profile: every asset with at least
/// min_history_days of returns, once per configured direction; the rest are recorded as rejected.
/// </summary>
public static class RecruitmentActivity
{
    public static async Task<CandidatesOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var minHistory = input.Profile.Recruitment.MinHistoryDays;
        var candidates = new List<Candidate>();
        var rejected = new List<string>();
        for (var i = 0; i < market.Symbols.Length; i++)
        {
            var symbol = market.Symbols[i];
            if (market.Returns[i].Length < minHistory)
            {
                rejected.Add($"{symbol}: history {market.Returns[i].Length} < min_history_days {minHistory}");
                continue;
            }

            var colon = symbol.IndexOf(':', StringComparison.Ordinal);
            var exchange = colon < 0 ? string.Empty : symbol[..colon];
            foreach (var direction in input.Profile.Recruitment.Directions)
            {
                candidates.Add(new Candidate(symbol, exchange, direction, "spot", new Dictionary<string, string>(StringComparer.Ordinal)));
            }
        }

        var artifact = await services.Artifacts.WriteJsonAsync(input.RunId, "recruitment/candidates.json", new CandidatesArtifact(candidates, rejected), cancellationToken).ConfigureAwait(false);
        return new CandidatesOutput(artifact, candidates.Count);
    }
}
